/** The URL as it may be logged: the password replaced (a URL that does not parse is cut at its user info). */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url.replace(/:[^:@/\s]*@/g, ':***@');
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
