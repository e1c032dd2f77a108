import { findAttribution } from './attribution/attribution.js';
import type { Cue } from './attribution/cue.js';
import { speakerId } from './text/fold.js';
import { describe, isAnonymous, isRoleNominal, type Mention } from './attribution/mentions.js';
import { isRoleNoun } from './grammar/nominals.js';
import { nameKey, Registry, type Referent } from './attribution/people.js';
import { phraseEndingAt, subjectBefore } from './grammar/phrases.js';
import { DETERMINERS, SPEECH_VERBS } from './lexicon/lexicon.js';
import { afterRunIn } from './sentences.js';
import { sentenceAt } from './text/partition.js';
import { isInitials, tokenAt, tokenize, type Token } from './grammar/tokens.js';
import type { Article, Attribution, Quote, QuoteSpan, Sentence, Speaker } from './types.js';
import { partitionPoint } from './text/partition.js';
import { withoutRunIn } from './attribution/run-in.js';
import { isLabelledTitle } from './attribution/titles.js';
import { SURNAME_PARTICLES } from './lexicon/names.js';
import { PLACE_PREPOSITIONS, OBLIQUE_PREPOSITIONS } from './lexicon/prepositions.js';
import { GROUP_COUNTS } from './lexicon/determiners.js';
import { ABBREVIATED, ROLE_NOUNS } from './lexicon/titles.js';
import { ORG_WORDS } from './lexicon/organizations.js';

interface Context {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  registry: Registry;
  /** Pseudo-speakers named only by a phrase ("a senior official"), by folded phrase. */
  phrases: Map<string, Referent>;
  /** Where each sentence's own words start, past a caption run into it. */
  runIns: Map<number, number>;
}

/**
 * Attributes each quote to a speaker: finds the attribution (cue verb and its subject), then
 * resolves the mention (name, pronoun, role) to a person or organisation of the article.
 */
export function attributeQuotes(article: Article, sentences: Sentence[], spans: QuoteSpan[]): { quotes: Quote[]; speakers: Speaker[] } {
  const tokens = tokenize(article.text, spans);
  const ctx: Context = { text: article.text, tokens, sentences, registry: new Registry(), phrases: new Map(), runIns: new Map() };
  collectNames(ctx);
  collectRoles(ctx);
  const quoted = new Map<Referent, number>();
  const quotes: Quote[] = [];
  let previous: Said | null = null;
  const attributed: Said[] = [];
  for (const span of spans) {
    if (isLabelledTitle(ctx.tokens, ctx.sentences[sentenceAt(ctx.sentences, span.start)]!, span)) {
      quotes.push({ ...span, speaker: null });
      continue;
    }
    const cue = findAttribution(ctx.tokens, ctx.sentences, spans, span, ctx.text);
    let entity: Referent | null = null;
    let mention: Attribution['mention'] = null;
    if (cue) {
      const m = withoutRunIn(ctx.tokens, ctx.text, cue.mention);
      entity = resolve(ctx, m, cue, previous?.entity ?? null);
      if (entity) mention = { text: m.text, start: m.start, end: m.end };
    }
    const open = entity ? null : interrupted(ctx, attributed, span);
    if (open) ({ entity, mention } = open);
    if (!entity && previous && continues(ctx, previous.quote, span)) {
      entity = previous.entity;
      // "“A,” he said. “B.”": B shares A's attribution clause; a later paragraph has none.
      mention = !span.continued && sameParagraph(ctx.text, previous.quote, span) ? previous.mention : null;
    }
    quotes.push({ ...span, speaker: entity ? { id: speakerId(entity.name), name: entity.name, mention } : null });
    if (entity) {
      quoted.set(entity, (quoted.get(entity) ?? 0) + 1);
      previous = { quote: span, entity, mention };
      attributed.push(previous);
    }
  }
  return { quotes, speakers: [...quoted.keys()].map(toSpeaker) };
}

/** A quote and who said it, as attributed. */
interface Said {
  quote: QuoteSpan;
  entity: Referent;
  mention: Attribution['mention'];
}

/**
 * `He said, "Donald Trump will build the wall" - at which point the crowd chanted "Build the
 * wall!" - "and restore law and order"`: a quote opening in lower case with no attribution of
 * its own goes on with the nearest quote of its paragraph left unfinished (no full stop, "?" or
 * "!"), not with whoever spoke in between.
 */
function interrupted(ctx: Context, attributed: Said[], span: QuoteSpan): Said | null {
  if (!/^\p{Ll}/u.test(span.text)) return null;
  for (let k = attributed.length - 1; k >= 0; k--) {
    const a = attributed[k]!;
    if (!sameParagraph(ctx.text, a.quote, span) || span.outerStart - a.quote.outerEnd > INTERRUPTION_MAX_CHARS) return null;
    // A statement begun ("Donald Trump will …") and broken off by a dash or comma; a fragment ("moan") is no statement.
    const broken = /^\s*[-\u2013\u2014,]/.test(ctx.text.slice(a.quote.outerEnd, span.outerStart));
    if (broken && /^\p{Lu}/u.test(a.quote.text) && !/[.!?]\P{L}*$/u.test(a.quote.text)) return a;
  }
  return null;
}

/** The longest interruption between the two parts of a broken-off quote. */
const INTERRUPTION_MAX_CHARS = 200;

/** Every capitalised name in the text, so "Putin" finds "Vladimir Putin" wherever it stands. */
function collectNames(ctx: Context): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "Jason C. Ervin", "Sen. Rand Paul": a dot after an initial or a title runs on to the name;
    // after a whole name ("… of BT Mike Rake. He said") it ends the sentence.
    const abbreviation = isInitials(t.text) || ABBREVIATED.has(t.lower);
    if (!t.cap || tokens[i + 1]?.cap || (tokens[i + 1]?.text === '.' && tokens[i + 2]?.cap && abbreviation)) continue;
    const phrase = phraseEndingAt(tokens, i);
    if (!phrase) continue;
    const before = tokens[phrase.from - 1];
    if (before && PLACE_PREPOSITIONS.has(before.lower)) continue;
    const next = tokens[i + 1];
    // "The Turkish president", "the Idlib crisis": a capitalised modifier, not a name.
    const m = withoutRunIn(tokens, ctx.text, describe(tokens, ctx.text, phrase));
    const modifier = next && next.word && !next.cap && !SPEECH_VERBS.has(next.lower) && (ROLE_NOUNS.has(next.lower) || DETERMINERS.has(tokens[phrase.from]!.lower));
    // "The State Department dismissed …" is a name; "the Idlib crisis" only a modifier.
    if (modifier && !(m.organization && m.kind === 'name' && !ROLE_NOUNS.has(next.lower) && hasOrgWord(m.name!))) continue;
    if (m.kind !== 'name') continue;
    const entity = ctx.registry.addName(m, Boolean(next && SPEECH_VERBS.has(next.lower)), t.quote >= 0);
    if (t.quote < 0) ctx.registry.mark(entity, m.start);
  }
}

/**
 * "The Turkish president noted …": role nominals that speak are resolved once, so their
 * roles join the person even where no quote follows.
 */
function collectRoles(ctx: Context): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.quote >= 0 || !SPEECH_VERBS.has(t.lower)) continue;
    const phrase = subjectBefore(tokens, i);
    if (!phrase) continue;
    const m = describe(tokens, ctx.text, phrase);
    if (!isRoleNominal(m) || m.plural) continue;
    const person = ctx.registry.byRole(m, m.start);
    if (person && m.role) ctx.registry.addRole(person, m.role);
  }
}

/** Resolves an attribution's mention to an entity of the article. */
function resolve(ctx: Context, m: Mention, cue: Cue, lastSpeaker: Referent | null): Referent | null {
  // The pre-pass already placed this mention on the timeline: don't record it twice.
  if (m.kind === 'name') return ctx.registry.addName(m, true, true);
  if (m.kind === 'pronoun') return resolvePronoun(ctx, m, lastSpeaker);
  if (isAnonymous(m)) return anonymousEntity(ctx, m);
  if (isRoleNominal(m) && !m.plural) {
    const person = ctx.registry.byRole(m, m.start);
    if (person) {
      if (m.role) ctx.registry.addRole(person, m.role);
      return person;
    }
  }
  return phraseEntity(ctx, m, cue);
}

/** How far back (in tokens) the group an anonymous speaker belongs to is looked for. */
const GROUP_LOOKBACK_TOKENS = 60;

/**
 * "Two officials spoke … “…,” one said": an unnamed speaker of its own, named after the group
 * mentioned before it ("an unnamed official"), never the previous speaker.
 */
function anonymousEntity(ctx: Context, m: Mention): Referent {
  const { tokens } = ctx;
  let member: string | null = null;
  for (let k = tokenAt(tokens, m.start) - 1, n = 0; k >= 0 && n < GROUP_LOOKBACK_TOKENS; k--, n++) {
    const t = tokens[k]!;
    if (t.quote >= 0 || !t.word || t.cap) continue;
    const one = t.lower === 'people' ? 'person' : /[^s]s$/.test(t.lower) && isRoleNoun(t.lower) && !ORG_WORDS.has(t.lower.slice(0, -1)) ? t.lower.slice(0, -1) : null;
    if (!one) continue;
    // "Two officials spoke to reporters": the group that is counted is the one speaking.
    if (GROUP_COUNTS.has(tokens[k - 1]?.lower ?? '')) {
      member = one;
      break;
    }
    member ??= one;
  }
  member ??= 'source';
  const name = `${m.head === 'another' ? 'another' : 'an'} unnamed ${member}`;
  return phraseEntity(ctx, { ...m, text: name, role: `unnamed ${member}` }, null)!;
}

/** "a senior official", "the campaign": a speaker known only by the phrase. */
function phraseEntity(ctx: Context, m: Mention, _cue: Cue | null): Referent | null {
  if (!m.role) return null;
  const key = nameKey(m.text);
  let e = ctx.phrases.get(key);
  if (!e) {
    e = {
      index: -1,
      name: m.text.replace(/^(The|A|An)\b/, (d) => d.toLowerCase()),
      words: key.split(' '),
      aliases: new Set(),
      roles: new Set(),
      organization: m.organization,
      gender: m.gender,
      person: !m.organization,
      positions: [m.start],
    };
    ctx.phrases.set(key, e);
  }
  return e;
}

/** How many earlier name mentions a pronoun looks back over, at most. */
const PRONOUN_LOOKBACK = 400;

/**
 * "he told reporters": the first person named in this sentence or the nearest one of the two
 * before, else the last speaker, else the last person named. A known gender that disagrees
 * rules a person out; "they" and "it" look for organisations.
 */
function resolvePronoun(ctx: Context, m: Mention, lastSpeaker: Referent | null): Referent | null {
  const group = m.plural || m.organization;
  const fits = (e: Referent): boolean => (group ? e.organization : e.person && !e.organization && (!m.gender || !e.gender || e.gender === m.gender));
  const timeline = ctx.registry.timeline;
  const s = sentenceAt(ctx.sentences, m.start);
  const windowStart = ctx.sentences[Math.max(0, s - 2)]!.start;
  let found: { e: Referent; sentence: number; gendered: boolean; oblique: boolean } | null = null;
  let i = lastIndexBefore(timeline, m.start);
  for (let steps = 0; i >= 0 && steps < PRONOUN_LOOKBACK && timeline[i]!.at >= windowStart; i--, steps++) {
    const { at, entity } = timeline[i]!;
    if (!fits(entity)) continue;
    const sentence = sentenceAt(ctx.sentences, at);
    // A photo caption run into the sentence names no one the pronoun can stand for.
    if (at < ownWordsStart(ctx, sentence, m.start)) continue;
    if (found && sentence !== found.sentence) break;
    // Walking backwards: a person keeps the earliest of the sentence, a group the nearest;
    // a known gender that matches ("Ms Merkel" for "she") beats an unknown one; a name in a
    // phrase of a preposition ("With a vote for Trump ruled out, Cross said he …") yields to
    // one that can be a subject.
    const gendered = Boolean(m.gender && entity.gender === m.gender);
    const oblique = OBLIQUE_PREPOSITIONS.has(ctx.tokens[tokenAt(ctx.tokens, at) - 1]?.lower ?? '');
    const better = !found || (oblique === found.oblique ? !group && (gendered || !found.gendered) : found.oblique);
    if (better) found = { e: entity, sentence, gendered, oblique };
  }
  if (found) return found.e;
  if (lastSpeaker && fits(lastSpeaker)) return lastSpeaker;
  for (let steps = 0; i >= 0 && steps < PRONOUN_LOOKBACK; i--, steps++) {
    if (fits(timeline[i]!.entity)) return timeline[i]!.entity;
  }
  return null;
}

/** Where sentence `s` starts once a caption run into it is left out, read up to `before`. */
function ownWordsStart(ctx: Context, s: number, before: number): number {
  const sent = ctx.sentences[s]!;
  let known = ctx.runIns.get(s);
  if (known === undefined || before < sent.end) {
    const start = afterRunIn(ctx.text, sent, before);
    if (before < sent.end) return start;
    known = start;
    ctx.runIns.set(s, known);
  }
  return known;
}

function lastIndexBefore(timeline: { at: number }[], offset: number): number {
  return partitionPoint(timeline, (e) => e.at < offset) - 1;
}

/** How far apart two quotes of one speaker may be in a paragraph with no new attribution. */
const CONTINUATION_MAX_CHARS = 400;
/** The most an attribution clause between a quote and the next paragraph's may hold. */
const ATTRIBUTION_TAIL_MAX_CHARS = 240;

const hasOrgWord = (name: string): boolean =>
  name
    .toLowerCase()
    .split(/\s+/)
    .some((w) => ORG_WORDS.has(w));

function sameParagraph(text: string, a: QuoteSpan, b: QuoteSpan): boolean {
  return !/\n\s*\n/.test(text.slice(a.outerEnd, b.outerStart));
}

/** A quote with no attribution continues the previous speaker's if it follows it closely. */
function continues(ctx: Context, prev: QuoteSpan, next: QuoteSpan): boolean {
  const between = ctx.text.slice(prev.outerEnd, next.outerStart);
  if (next.continued) return true;
  // Same paragraph, or the next one opening with the quote right after the previous quote's
  // attribution ("…,” Caddell said.\n\n“They are not wrong.”).
  const breaks = (between.match(/\n\s*\n/g) ?? []).length;
  if (breaks === 0) return between.length < CONTINUATION_MAX_CHARS;
  return breaks === 1 && /\n\s*$/.test(between) && between.trim().length <= ATTRIBUTION_TAIL_MAX_CHARS && !/[.!?]\s+\p{Lu}/u.test(between.trim());
}

function surnameOf(parts: string[]): string {
  const last = parts.length - 1;
  return parts.length > 2 && SURNAME_PARTICLES.has(parts[last - 1]!) ? `${parts[last - 1]} ${parts[last]}` : parts[last]!;
}

function toSpeaker(e: Referent): Speaker {
  const aliases = new Set<string>([e.name, ...e.aliases]);
  const parts = e.name.split(' ');
  if (!e.organization && e.index >= 0 && parts.length > 1) aliases.add(surnameOf(parts));
  return {
    id: speakerId(e.name),
    name: e.name,
    aliases: [...aliases].sort((a, b) => a.length - b.length || a.localeCompare(b)),
    roles: [...e.roles],
    type: e.organization ? 'organization' : 'person',
  };
}
