/**
 * A speaker's roles as a reader should see them: "President" and "Russian president" are one
 * role said twice, so a role that another ends with (as whole words, in any case) is left out,
 * and so is a repeat. The engine keeps every form it read, since each may name the speaker
 * again later in the article ("the president", "the Russian president").
 */
export function shownRoles(roles: readonly string[]): string[] {
  const folded = roles.map((r) => r.trim().toLowerCase());
  return roles.filter((_, i) => {
    const role = folded[i]!;
    return folded.indexOf(role) === i && !folded.some((other) => other.endsWith(` ${role}`));
  });
}
