/** Readings built by hand from the engine's types, for the bot's tests. */
import type { Quote, Reading, Speaker } from '../../src/article/types.js';

export const ERDOGAN: Speaker = {
  id: 'recep-tayyip-erdogan',
  name: 'Recep Tayyip Erdogan',
  aliases: ['Erdogan'],
  roles: ['Turkish leader', 'Turkish president'],
  type: 'person',
};
export const PUTIN: Speaker = { id: 'vladimir-putin', name: 'Vladimir Putin', aliases: ['Putin', 'Mr Putin'], roles: ['Russian president'], type: 'person' };
export const PESKOV: Speaker = { id: 'dmitry-peskov', name: 'Dmitry Peskov', aliases: ['Peskov'], roles: ['Kremlin spokesperson'], type: 'person' };

let offset = 0;

/** A quote attributed to `speaker` (null: unattributed); offsets are plausible, not real. */
export function quote(text: string, speaker: Speaker | null, kind: Quote['kind'] = 'direct'): Quote {
  const start = (offset += 10);
  offset += text.length;
  return {
    text,
    kind,
    start,
    end: start + text.length,
    outerStart: start - 1,
    outerEnd: start + text.length + 1,
    continued: false,
    speaker: speaker && { id: speaker.id, name: speaker.name, mention: { text: speaker.aliases[0] ?? speaker.name, start: 0, end: 1 } },
  };
}

export function reading(overrides: Partial<Reading> = {}): Reading {
  return {
    title: null,
    date: null,
    headline: '',
    summary: [],
    quotes: [],
    speakers: [],
    facts: { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] },
    ...overrides,
  };
}

/** The seed article, as the engine should read it. */
export function idlibReading(): Reading {
  return reading({
    title: 'Erdogan urges a positive approach on Idlib before talks with Putin',
    date: '2018-09-17',
    headline: 'Erdogan seeks a “positive approach” with Moscow on Idlib before Putin talks',
    summary: [
      'Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis in Syria, Turkish leader Recep Tayyip Erdogan said.',
      'The Kremlin said the situation in Idlib was complicated.',
    ],
    quotes: [
      quote('positive approach', ERDOGAN, 'partial'),
      quote('I hope [Putin] will continue the positive stance also going forward,', ERDOGAN),
      quote('The outcome of our meeting with Mr Putin will be important,', ERDOGAN),
      quote('complicated,', PESKOV, 'partial'),
      quote('The terrorists are making attempts to undermine the ceasefire.', PUTIN),
      quote('We fight against all terror groups. Similarly, we fight against terrorism in Idlib,', ERDOGAN),
      quote('moderate opposition', null, 'partial'),
    ],
    speakers: [ERDOGAN, PUTIN, PESKOV],
    facts: {
      people: ['Recep Tayyip Erdogan', 'Vladimir Putin', 'Hassan Rouhani', 'Dmitry Peskov'],
      places: ['Moscow', 'Ankara', 'Idlib', 'Syria', 'Tehran', 'Sochi'],
      organizations: ['Kremlin', 'Daily Sabah', 'Hayat Tahrir al-Sham'],
      dates: [
        { text: 'on Monday', date: '2018-09-17' },
        { text: 'September 7', date: '2018-09-07' },
      ],
      numbers: ['3 million people'],
      key: ['Erdogan and Putin meet in Sochi on Monday to discuss Idlib.'],
    },
  });
}

/** An article whose text tries to ping everyone, a user and a role. */
export function mentionReading(): Reading {
  const shouter: Speaker = { id: 'troll', name: 'A Troll @everyone', aliases: ['Troll'], roles: ['<@&456> fan'], type: 'person' };
  return reading({
    title: 'Breaking @everyone <@123>',
    date: '2024-05-01',
    headline: '@everyone look at this <@123> <@&456> @here',
    summary: ['Ping @everyone and <@123> and <@&456>.'],
    quotes: [quote('@everyone wake up <@123> <@&456>', shouter)],
    speakers: [shouter],
    facts: { people: ['<@123>'], places: ['@here'], organizations: ['<@&456>'], dates: [], numbers: [], key: ['@everyone is mentioned'] },
  });
}

/** Every part far beyond Discord's limits. */
export function oversizedReading(): Reading {
  const long = (word: string, times: number) => Array.from({ length: times }, (_, i) => `${word}${i}`).join(' ');
  const speakers: Speaker[] = Array.from({ length: 40 }, (_, i) => ({
    id: `speaker-${i}`,
    name: `Speaker ${long('Name', 60)} ${i}`,
    aliases: [],
    roles: [long('role', 50)],
    type: 'person' as const,
  }));
  return reading({
    title: long('Title', 200),
    date: '2024-02-29',
    headline: long('headline', 500),
    summary: Array.from({ length: 60 }, () => long('summary', 100)),
    quotes: speakers.flatMap((s) => [quote(long('said', 400), s), quote(long('also', 50), s)]),
    speakers,
    facts: {
      people: Array.from({ length: 300 }, (_, i) => `Person ${long('p', 30)} ${i}`),
      places: Array.from({ length: 300 }, (_, i) => `Place ${i}`),
      organizations: [long('Organisation', 400)],
      dates: Array.from({ length: 200 }, (_, i) => ({ text: `day ${i}`, date: '2024-01-01' })),
      numbers: Array.from({ length: 500 }, (_, i) => String(i)),
      key: Array.from({ length: 300 }, () => long('fact', 40)),
    },
  });
}

/** Letters for `n` (0 -> "a", 26 -> "ba"): words no two stories share. */
function lettersOf(n: number): string {
  let word = '';
  do {
    word = String.fromCharCode(97 + (n % 26)) + word;
    n = Math.floor(n / 26);
  } while (n > 0);
  return word;
}

/**
 * Story `n` of a briefing with many items: the seed's reading with its own headline and quotes,
 * so the briefing does not merge the stories as near-duplicates of one another.
 */
export function distinctStoryReading(n: number): Reading {
  const tag = `zz${lettersOf(n)}`;
  const base = idlibReading();
  return {
    ...base,
    title: `Council ${tag} votes on harbour ${tag}x plan ${tag}y`,
    headline: `Council ${tag} votes on harbour ${tag}x plan ${tag}y`,
    quotes: base.quotes.map((q) => ({ ...q, text: `${q.text} ${tag}` })),
  };
}
