import nlp from 'compromise';
import { readArticle } from '../src/article/index.js';
import { findQuotes } from '../src/article/quotes.js';
import { readText } from '../src/article/read.js';
import { splitSentences } from '../src/article/sentences.js';
import { attributeQuotes } from '../src/article/speakers.js';
import type { Article } from '../src/article/types.js';

/** One input text, read once so that every measured step starts from the same place. */
export interface Sample {
  name: string;
  text: string;
  /** UTF-8 size: what KB/s is counted in. */
  bytes: number;
  article: Article;
}

/** A step of work over one sample; returns a number so that the work cannot be optimised away. */
export interface Runner {
  name: string;
  /** The target in KB/s, if there is one. */
  target?: number;
  baseline?: boolean;
  run: (sample: Sample) => number;
}

export interface Measure {
  name: string;
  kbPerSecond: number;
  /** Milliseconds of each timed run over all samples. */
  runs: number[];
  target?: number;
  baseline?: boolean;
}

/** Reads each text once; a text the engine refuses is left out of the bench and named. */
export function toSamples(files: { name: string; text: string }[]): { samples: Sample[]; refused: string[] } {
  const samples: Sample[] = [];
  const refused: string[] = [];
  for (const { name, text } of files) {
    const read = readText(text);
    if (read.ok) samples.push({ name, text, bytes: Buffer.byteLength(text, 'utf8'), article: read.value });
    else refused.push(`${name}: ${read.error.code}`);
  }
  return { samples, refused };
}

/** The runners of issue 2: the engine's steps and the two baselines on the same texts. */
export const RUNNERS: Runner[] = [
  {
    name: 'quotes + speakers',
    target: 500,
    run: ({ article }) => {
      const spans = findQuotes(article.text, article.paragraphs);
      const sentences = splitSentences(article.text, article.paragraphs, spans);
      return attributeQuotes(article, sentences, spans).quotes.length;
    },
  },
  {
    name: 'readArticle (whole)',
    target: 300,
    run: ({ text }) => {
      const reading = readArticle(text);
      return reading.ok ? reading.value.quotes.length : 0;
    },
  },
  {
    name: 'baseline: sentence split',
    baseline: true,
    run: ({ article }) => splitSentences(article.text, article.paragraphs).length,
  },
  {
    name: 'baseline: compromise people()+quotations()',
    baseline: true,
    run: ({ text }) => {
      const doc = nlp(text);
      return doc.people().out('array').length + doc.quotations().out('array').length;
    },
  },
];

/** Runs a runner over every sample once; returns milliseconds. */
export function timeOnce(runner: Runner, samples: Sample[]): number {
  let sink = 0;
  const t0 = performance.now();
  for (const sample of samples) sink += runner.run(sample);
  const ms = performance.now() - t0;
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  return ms;
}

/** Texts run before timing: enough for the JIT to settle, few enough to keep the bench short. */
const WARMUP_SAMPLES = 100;

/** Warms up on the first texts, then takes the median of `runs` timed passes over all of them. */
export function measure(runner: Runner, samples: Sample[], runs = 3): Measure {
  timeOnce(runner, samples.slice(0, WARMUP_SAMPLES));
  const times = Array.from({ length: runs }, () => timeOnce(runner, samples));
  const median = [...times].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  const kb = samples.reduce((n, s) => n + s.bytes, 0) / 1024;
  return { name: runner.name, kbPerSecond: kb / (median / 1000), runs: times, target: runner.target, baseline: runner.baseline };
}
