import { extractDates } from './facts/dates.js';
import { findEntities, isName, listable, trimPersonName } from './entities/entities.js';
import type { Entity } from './entities/entity.js';
import { SOURCE_NOUNS } from './lexicon/lexicon.js';
import { compressLead } from './headline.js';
import { extractNumbers } from './facts/numbers.js';
import { lexiconTags } from './grammar/terms.js';
import { rankSentences, similarity, type RankedSentence } from './rank.js';
import type { Article, DateFact, Facts, Quote, Sentence, Span, Speaker } from './types.js';
import { MONTH_ABBREVIATIONS } from './lexicon/calendar.js';
import { ORG_WORDS } from './lexicon/organizations.js';
import { ROLE_NOUNS, TITLES } from './lexicon/titles.js';

/** A briefing lists the few facts a reader needs, not the article again. */
export const KEY_FACTS_MAX = 5;
/** A key fact is one line: longer than a headline, shorter than the sentence. */
const KEY_FACT_WORDS = 20;
/** Key facts this similar repeat each other (cosine of content words). */
const KEY_FACT_OVERLAP = 0.5;
const MONTHS = MONTH_ABBREVIATIONS.map((m) => m[0]!.toUpperCase() + m.slice(1));

/**
 * Who, what, where and when: people with their roles (the speakers' canonical names and
 * roles when the quotes found them), organisations with their acronyms, places, dates
 * resolved against the article's date, numbers in context and up to five key facts.
 */
export function extractFacts(
  article: Article,
  sentences: Sentence[],
  quotes: Quote[],
  speakers: Speaker[],
  ranked: RankedSentence[] = rankSentences(article.text, sentences, quotes),
): Facts {
  const entities = withSpeakers(findEntities(article.text, article.bodyStart, sentences, titleSpan(article)), speakers);
  const dates = extractDates(article.text, article.date, article.bodyStart, sentences);
  const spans = dates.map((d) => ({ start: d.start ?? 0, end: d.end ?? 0 }));
  const of = (kind: Entity['kind']) =>
    mostMentioned(
      entities.filter((e) => e.kind === kind),
      LIST_MAX,
    );
  return {
    people: of('person').map(personLine),
    places: of('place').map((e) => e.name),
    organizations: of('organization').map((e) => e.name),
    dates,
    numbers: extractNumbers(article.text, article.bodyStart, spans),
    key: keyFacts(ranked, quotes, speakers, dates),
  };
}

/**
 * A briefing names the story's actors, not a match report's line-up: past this many, the
 * names mentioned most are kept, in the order the article introduces them.
 */
export const LIST_MAX = 20;

function mostMentioned(entities: Entity[], max: number): Entity[] {
  if (entities.length <= max) return entities;
  const kept = new Set([...entities].sort((a, b) => b.mentions - a.mentions || a.first - b.first).slice(0, max));
  return entities.filter((e) => kept.has(e));
}

function titleSpan(article: Article): Span | null {
  const at = article.title ? article.text.lastIndexOf(article.title, article.bodyStart) : -1;
  return at >= 0 && article.title ? { start: at, end: at + article.title.length } : null;
}

/** "Recep Tayyip Erdogan — Turkish leader": the fullest role says the most ("Russian president" over "President"). */
function personLine(e: Entity): string {
  const role = e.roles
    .map(roleOnly)
    .filter(isRole)
    .sort((a, b) => b.split(' ').length - a.split(' ').length)[0];
  return role ? `${e.name} — ${role}` : e.name;
}

/** "Share President", "ensure Secretary": a verb the page or the sentence left before the role. */
function roleOnly(role: string): string {
  const words = role.split(' ');
  while (words.length > 1 && lexiconTags(words[0]!).some((t) => t === 'Infinitive' || t === 'PresentTense' || t === 'PastTense' || t === 'Gerund')) words.shift();
  return words.join(' ');
}

/** Words a role may have: "Kremlin spokesperson", "former Republican President". */
const ROLE_WORDS_MAX = 3;

/**
 * A role names an office or a tie ("FBI director", "wife"), so it ends on a person's noun:
 * not "furious", "head of", "takes office" or "EPA Donald Trump meets President".
 */
function isRole(role: string): boolean {
  const words = role.split(' ');
  const last = words[words.length - 1]!.toLowerCase();
  if (words.length > ROLE_WORDS_MAX || ORG_WORDS.has(last) || (SOURCE_NOUNS.has(last) && !TITLES.has(last))) return false;
  return TITLES.has(last) || ROLE_NOUNS.has(last) || /(?:er|or|ist|ant|ent|ess|man|woman|wife|husband|son|daughter|mother|father)$/.test(last);
}

/**
 * Speakers are the canonical people (and bodies) of the article: an entity that is one of a
 * speaker's names ("Putin", "Vladimir Putin") becomes that speaker, with both sets of roles.
 */
export function withSpeakers(entities: Entity[], speakers: Speaker[]): Entity[] {
  const rest = [...entities];
  const joined: Entity[] = [];
  // "the company", "The": a speaker with no proper name is no entity to list.
  for (const s of speakers.filter((x) => isName(x.name) && listable(x.name))) {
    const names = new Set([s.name, ...s.aliases]);
    const surname = s.type === 'person' ? s.name.split(' ').pop() : undefined;
    const same = rest.filter((e) => e.aliases.some((a) => names.has(a)) || (surname && e.kind === 'person' && e.name.split(' ').pop() === surname));
    for (const e of same) rest.splice(rest.indexOf(e), 1);
    const roles = [...new Set([...s.roles, ...same.flatMap((e) => e.roles)])];
    const first = Math.min(Infinity, ...same.map((e) => e.first));
    // A "speaker" the entity layer knows as a place is a country speaking: "Turkey vowed…".
    const kind = same.find((e) => e.kind !== 'person' && e.aliases.includes(s.name))?.kind ?? s.type;
    // The lists name a person in full: "Hillary Clinton" even if the quotes only said "Clinton".
    const full = same.map((e) => e.name).find((n) => n.length > s.name.length && n.endsWith(` ${s.name}`)) ?? s.name;
    const name = kind === 'person' ? trimPersonName(full) : full;
    joined.push({ kind, name, aliases: [...names], roles, acronym: null, first, mentions: same.length + 1 });
  }
  return [...joined, ...rest].sort((a, b) => a.first - b.first);
}

/**
 * The top sentences by rank, each compressed to one line (who did what), with the date it
 * happened when the sentence resolves one ("… (17 Sep 2018)"); near-repeats are skipped.
 */
function keyFacts(ranked: RankedSentence[], quotes: Quote[], speakers: Speaker[], dates: DateFact[]): string[] {
  const lines: { r: RankedSentence; line: string }[] = [];
  // What was done comes before what was said: a quote is a key fact only when facts run short.
  const isQuote = (line: string) => /^[^:]{1,40}: \u2018/.test(line);
  let done = 0;
  for (const r of [...ranked].sort((a, b) => b.score - a.score)) {
    // Once the list is full of facts, later lines would only come after them, past the cut:
    // compressing them (most of this step's time) changes nothing.
    if (done >= KEY_FACTS_MAX) break;
    if (lines.some((c) => similarity(c.r.terms, r.terms) >= KEY_FACT_OVERLAP)) continue;
    const line = compressLead(r, quotes, speakers, KEY_FACT_WORDS, true);
    if (!line) continue;
    lines.push({ r, line: line + dateSuffix(r, dates) });
    if (!isQuote(lines[lines.length - 1]!.line)) done++;
  }
  const ordered = [...lines.filter((l) => !isQuote(l.line)), ...lines.filter((l) => isQuote(l.line))];
  return ordered.slice(0, KEY_FACTS_MAX).map((l) => l.line);
}

function dateSuffix(r: RankedSentence, dates: DateFact[]): string {
  const d = dates.find((x) => x.date && x.start !== undefined && x.start >= r.sentence.start && x.start < r.sentence.end);
  if (!d?.date) return '';
  const [y, m, day] = d.date.split('-');
  const when = `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`;
  return ` (${when})`;
}
