import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { readText } from '../src/article/read.js';
import { splitSentences } from '../src/article/sentences.js';
import { findQuotes } from '../src/article/quotes.js';
import { contentTerms, rankSentences, withoutCaption, type RankedSentence } from '../src/article/rank.js';
import { buildSummary, resolveLead, SUMMARY_WORDS_TARGET } from '../src/article/summary.js';
import type { Quote, Speaker } from '../src/article/types.js';
import { read } from './read-article.js';

const erdogan: Speaker = { id: 'recep-tayyip-erdogan', name: 'Recep Tayyip Erdogan', aliases: ['Erdogan'], roles: ['Turkish leader'], type: 'person' };

/** Summary of a body given as paragraphs; `speakerOf` attributes each quote (the lead's part, hand-built here). */
function summaryOf(paragraphs: string[], speakerOf: (q: Quote) => Speaker | null = () => null, speakers: Speaker[] = []): string[] {
  const read = readText(paragraphs.join('\n\n'));
  if (!read.ok) throw new Error(read.error.message);
  const a = read.value;
  const quotes: Quote[] = findQuotes(a.text, a.paragraphs).map((q) => {
    const s = speakerOf({ ...q, speaker: null });
    return { ...q, speaker: s && { id: s.id, name: s.name, mention: null } };
  });
  return buildSummary(a.text, splitSentences(a.text, a.paragraphs, quotes), quotes, speakers);
}

const words = (summary: string[]) => summary.join(' ').split(/\s+/).length;
const balanced = (s: string) => (s.match(/\u201c/g) ?? []).length === (s.match(/\u201d/g) ?? []).length;

describe('the seed summary', () => {
  const read = readArticle(readFileSync('data/articles/idlib-2018-09-17.txt'));
  const summary = read.ok ? read.value.summary : [];

  test('GIVEN the seed THEN 2 to 4 whole sentences of about 60 words', () => {
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.length).toBeLessThanOrEqual(4);
    expect(words(summary)).toBeGreaterThanOrEqual(SUMMARY_WORDS_TARGET * 0.6);
    expect(words(summary)).toBeLessThanOrEqual(SUMMARY_WORDS_TARGET * 1.5);
    expect(summary.every(balanced)).toBe(true);
  });

  test('GIVEN the seed THEN no summary sentence starts with a pronoun out of context', () => {
    expect(summary.filter((s) => /^(He|She|They|It)\b/.test(s))).toEqual([]);
  });
});

describe('pronoun-led sentences', () => {
  const story = [
    'Turkish leader Recep Tayyip Erdogan met President Vladimir Putin in Sochi on Monday to discuss the Idlib crisis.',
    'The talks lasted three hours and ended with a joint statement on a demilitarised zone.',
    'Officials from both countries described the atmosphere as constructive and businesslike.',
    '“We have to find a solution with Russia,” he told reporters after the meeting in Sochi.',
  ];
  const ranked = (paragraphs: string[], quotes: Quote[]) => {
    const read = readText(paragraphs.join('\n\n'));
    if (!read.ok) throw new Error(read.error.message);
    return rankSentences(read.value.text, splitSentences(read.value.text, read.value.paragraphs, quotes), quotes);
  };
  /** A quote standing at the start of the sentence, by the speaker. */
  const quoteAt = (r: { sentence: { start: number } }, speaker: Speaker): Quote => ({
    text: 'x',
    start: r.sentence.start,
    end: r.sentence.start + 1,
    outerStart: 0,
    outerEnd: 0,
    kind: 'direct',
    continued: false,
    speaker: { id: speaker.id, name: speaker.name, mention: null },
  });

  test('GIVEN "He told reporters…" with a quote attributed to Erdogan THEN it is rewritten with his name', () => {
    const he = ranked(['He told reporters the meeting in Sochi had been constructive and long.'], [])[0]!;
    const quote = quoteAt(he, erdogan);
    expect(resolveLead(he, [quote], [erdogan])).toBe('Erdogan told reporters the meeting in Sochi had been constructive and long.');
  });

  test.each([
    ['"They conduct…" with no one to name', 'They conduct various provocations, including those using chemical weapons, officials say.'],
    ['"He also noted…" with no quote to name him', 'He also noted that militants in Idlib had launched numerous attacks against troops.'],
  ])('GIVEN %s THEN the sentence is left out', (_name, sentence) => {
    const r = ranked([sentence], [])[0]!;
    expect(resolveLead(r, [], [])).toBeNull();
  });

  test('GIVEN "She is often seen…" after a quote whose speaker is a description THEN it is left out, not written "spokesman is often seen…"', () => {
    // CNN/Daily Mail, April 2015: Mary Pat Christie's job, confirmed by "a family spokesman".
    const she = ranked(['She is often seen out on the campaign trail with Christie, making a recent appearance in New Hampshire.'], [])[0]!;
    const spokesman: Speaker = { id: 'a-family-spokesman', name: 'a family spokesman', aliases: [], roles: [], type: 'person' };
    const quote = quoteAt(she, spokesman);
    expect(resolveLead(she, [quote], [spokesman])).toBeNull();
  });

  test('GIVEN a summary that skips the antecedent THEN a pronoun-led pick is named or left out', () => {
    const summary = summaryOf(story, (q) => (q.text.startsWith('We have') ? erdogan : null), [erdogan]);
    expect(summary.filter((s) => /^(He|She|They)\b/.test(s))).toEqual([]);
  });
});

describe('quote-heavy articles', () => {
  const paragraphs = [
    '“The terrorists are making attempts to undermine the ceasefire. Furthermore, they conduct various provocations, including those using chemical weapons,” Putin told reporters on September 7.',
    '“We fight against all terror groups. Similarly, we fight against terrorism in Idlib,” Erdogan said.',
    '“The outcome of our meeting with Mr Putin will be important,” Erdogan told reporters on Monday.',
    '“If the situation in Idlib continues as is, the results will be heavy,” he added.',
    'The leaders are set to hold talks in Sochi, south Russia, to seek a common strategy on Idlib.',
  ];

  test('GIVEN mostly quotes THEN every summary sentence keeps its quotes whole', () => {
    const summary = summaryOf(paragraphs);
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.every(balanced)).toBe(true);
    for (const s of summary) expect(paragraphs.join(' ')).toContain(s);
  });
});

describe('no redundancy', () => {
  test('GIVEN two sentences that say the same thing THEN the summary keeps one of them', () => {
    const summary = summaryOf([
      'Turkish leader Recep Tayyip Erdogan met President Vladimir Putin in Sochi on Monday to discuss the Idlib crisis.',
      'Turkish leader Recep Tayyip Erdogan met President Vladimir Putin in Sochi on Monday to discuss the crisis in Idlib.',
      'The two leaders agreed to set up a demilitarised zone between rebel and government forces by October 15.',
      'Turkey had called for a ceasefire in Idlib Province, warning of a possible high civilian death toll.',
    ]);
    expect(summary.filter((s) => s.startsWith('Turkish leader')).length).toBe(1);
    expect(summary.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a sentence that opens with a quote', () => {
  // CNN/Daily Mail, April 2015: the Swedish police officers on the New York subway.
  const lead = 'Four burly Swedish cops put their New York City vacation on hold to answer the call of duty on a Manhattan subway train last night.';
  const score = (second: string): number => {
    const text = `${lead} ${second}`;
    const reading = read(text);
    const sentences = splitSentences(text, [{ start: 0, end: text.length }], reading.quotes);
    return rankSentences(text, sentences, reading.quotes)[1]!.score;
  };

  test('GIVEN the same words with the speaker first or the quote first THEN the quote-led sentence ranks lower', () => {
    const quoteFirst = score("'We’re no heroes, just tourists,' Makrus Åsberg, a 25-year-old officer with the police in Uppsala, told the New York Post.");
    const speakerFirst = score("Makrus Åsberg, a 25-year-old officer with the police in Uppsala, told the New York Post: 'We’re no heroes, just tourists.'");
    expect(quoteFirst).toBeLessThan(speakerFirst);
  });
});

// Daily Mail copy from CNN/DM, where a photo caption runs into the sentence after it with no full stop.
describe('photo captions run into the text', () => {
  const cut = (s: string) => {
    const kept = withoutCaption(s, { start: 0, end: s.length, paragraph: 0 });
    return kept && s.slice(kept.start, kept.end);
  };

  test.each([
    [
      'Prisoner Carlos Boente (pictured) was jailed for five years after he was found guilty of conspiracy to burgle A serving prisoner has been jailed for making a teenager’s life a misery.',
      'A serving prisoner has been jailed for making a teenager’s life a misery.',
    ],
    [
      "Pat, 69, pictured left in her police woman fancy dress outfit, enjoys pole dancing with friend Julia, 67, right 'I really enjoy myself, I party hard,' she admitted.",
      "'I really enjoy myself, I party hard,' she admitted.",
    ],
    [
      'Above, other women from the brigade are pictured holding guns It achieved notoriety last year after women boasted of joining the police unit.',
      'It achieved notoriety last year after women boasted of joining the police unit.',
    ],
  ])('GIVEN "%s" THEN the sentence is what follows the caption', (sentence, kept) => {
    expect(cut(sentence)).toBe(kept);
  });

  test('GIVEN a caption with no sentence after it THEN it is no sentence', () => {
    expect(cut('Above, other women from the brigade are pictured holding guns in Raqqa.')).toBeNull();
  });

  test.each([
    'Eight guards have been suspended after they were pictured with Pauline Hanson at a recent Reclaim Australia rally.',
    'Carlos Boente (pictured) was jailed for five years in Birmingham on Friday.',
    'The plan A proposal was rejected by the council.',
  ])('GIVEN a sentence that only mentions a picture, or none: "%s" THEN it stays whole', (sentence) => {
    expect(cut(sentence)).toBe(sentence);
  });

  test('GIVEN an article whose lead carries a caption THEN its summary opens on the sentence, not the caption', () => {
    const summary = summaryOf([
      'Prisoner Carlos Boente (pictured) was jailed for five years after he was found guilty of conspiracy to burgle, harassment and a phone possession charge A serving prisoner has been jailed for making a teenager’s life a misery by bombarding her with calls from his cell.',
      'Carlos Boente, 33, was serving time at HMP Birmingham for similar harassment type offences when he began contacting the 19-year-old woman in November 2013.',
    ]);
    expect(summary[0]).toMatch(/^A serving prisoner has been jailed/);
    expect(summary.join(' ')).not.toMatch(/pictured/);
  });
});

// CNN/Daily Mail, April 2015 (Lewis Hamilton after Bahrain): the sentence after the lead and a
// caption-led sentence further on score within a hair of each other.
describe('a summary reads on from its lead', () => {
  const sentences = [
    ['Lewis Hamilton has conceded to feeling more powerful now than at any stage in his F1 career.', 1.23],
    [
      "It is an ominous warning from a man who has won nine of the last 11 grands prix, been on pole at the last four, and who already holds a 27-point cushion in the drivers' standings.",
      0.81,
    ],
    [
      "Lewis Hamilton stands on his Mercedes after winning the Bahrain Grand Prix It was another 'home run' performance from Hamilton, a man who claims he is a perfectionist, and who appears to be driving as close to perfection as can possibly be achieved.",
      0.92,
    ],
  ] as const;
  const text = sentences.map(([t]) => t).join(' ');
  let at = 0;
  const ranked: RankedSentence[] = sentences.map(([t, score], index) => {
    const start = text.indexOf(t, at);
    at = start + t.length;
    return { index, sentence: { start, end: at, paragraph: 0 }, text: t, words: t.split(' ').length, terms: contentTerms(t), score };
  });

  test('GIVEN the next sentence a hair below a later one THEN the summary takes the next sentence, its "It" kept', () => {
    const summary = buildSummary(text, [], [], [], ranked);
    expect(summary.slice(0, 2)).toEqual([sentences[0][0], sentences[1][0]]);
  });
});
