import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { editDistance } from '../src/library/edit-distance.js';
import { fold, foldKey } from '../src/article/text/fold.js';
import { findLink, linkSpeaker, mergeSpeaker, rankCount, rankCountSqlite, speakerId, speakerTerms, type ArchiveSpeaker, type IncomingSpeaker } from '../src/library/speakers.js';

const person = (name: string, aliases: string[] = [], roles: string[] = []): ArchiveSpeaker => ({ id: speakerId(name), name, aliases, roles, type: 'person' });
const incoming = (name: string, aliases: string[] = [], roles: string[] = []): IncomingSpeaker => ({ name, aliases, roles, type: 'person' });

describe('fold', () => {
  test.each([
    ['Erdoğan', 'erdogan'],
    ['ERDOGAN', 'erdogan'],
    ['Binali Yıldırım', 'binali yildirim'],
    ['İlham Aliyev', 'ilham aliyev'],
    ['Jean-Yves Le Drian', 'jean yves le drian'],
    ["Conan O'Brien", 'conan obrien'],
    ['  Lech  Wałęsa. ', 'lech walesa'],
  ])('folds "%s" to "%s"', (name, folded) => {
    expect(fold(name)).toBe(folded);
  });

  test('folds plain ASCII as the full Unicode path does', () => {
    // A trailing no-break space (folded away as a space) sends the same text down the full path
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (text) => {
        expect(fold(text)).toBe(fold(`${text}\u00a0`));
      }),
      { numRuns: 2_000 },
    );
    expect(fold("  O'Brien's `Q&A`--Day  ")).toBe('obriens q a day');
  });

  test('is idempotent and blind to case', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: 'grapheme' }), (name) => {
        expect(fold(fold(name))).toBe(fold(name));
        expect(speakerId(name.toUpperCase())).toBe(speakerId(name.toLowerCase()));
      }),
      { numRuns: 2_000 },
    );
  });

  test('GIVEN "the Kremlin" THEN its key is the key of "Kremlin"', () => {
    expect(foldKey('the Kremlin')).toBe(foldKey('Kremlin'));
  });
});

describe('editDistance', () => {
  test.each([
    ['erdogan', 'erdogan', 0],
    ['erdgoan', 'erdogan', 1],
    ['erdgan', 'erdogan', 1],
    ['putn', 'putin', 1],
    ['rohani', 'rouhani', 1],
    ['kitten', 'sitting', 3],
  ])('"%s" is %i edits from "%s"', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('GIVEN a bound THEN a distance over it is reported as bound + 1', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });

  test('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('linking speakers across articles', () => {
  test('GIVEN "Erdoğan" in one article and "Erdogan" in another THEN they are one speaker', () => {
    const known = [person('Erdoğan')];
    expect(findLink(incoming('Erdogan'), known)?.id).toBe(known[0]!.id);
    expect(speakerId('Erdoğan')).toBe(speakerId('Erdogan'));
  });

  test('GIVEN "Vladimir Putin" known THEN a bare "Putin" is him', () => {
    const known = [person('Vladimir Putin')];
    expect(findLink(incoming('Putin'), known)?.name).toBe('Vladimir Putin');
  });

  test('GIVEN "Putin" known THEN "Vladimir Putin" arriving later becomes the canonical name', () => {
    const known = [person('Putin', [], ['Russian president'])];
    const { target, merged } = linkSpeaker(incoming('Vladimir Putin', ['Putin']), known);
    expect(target?.id).toBe('putin');
    expect(merged).toMatchObject({ id: 'vladimir-putin', name: 'Vladimir Putin', aliases: ['Putin'], roles: ['Russian president'] });
  });

  test('GIVEN "Tayyip Erdogan" known THEN "Recep Tayyip Erdogan" is him, under the fuller name', () => {
    const { merged } = linkSpeaker(incoming('Recep Tayyip Erdogan'), [person('Tayyip Erdogan')]);
    expect(merged.name).toBe('Recep Tayyip Erdogan');
    expect(merged.aliases).toEqual(['Tayyip Erdogan']);
  });

  test('GIVEN "Hillary Clinton" known THEN "Bill Clinton" is someone else', () => {
    expect(findLink(incoming('Bill Clinton'), [person('Hillary Clinton')])).toBeNull();
  });

  test('GIVEN Hillary and Bill Clinton known THEN a bare "Clinton" is neither', () => {
    const known = [person('Hillary Clinton', ['Clinton']), person('Bill Clinton', ['Clinton'])];
    expect(findLink(incoming('Clinton'), known)).toBeNull();
  });

  test('GIVEN Hillary and Bill Clinton known THEN a bare "Clinton" whose article gives her role is the one with that role', () => {
    const known = [person('Hillary Clinton', ['Clinton'], ['Democratic presidential nominee']), person('Bill Clinton', ['Clinton'], ['former President'])];
    expect(findLink(incoming('Clinton', [], ['Democratic nominee']), known)?.name).toBe('Hillary Clinton');
  });

  test('GIVEN Hillary Clinton quoted 50 times and Bill Clinton 6 THEN a bare "Clinton" is Hillary; at 50 and 20 it is neither', () => {
    const known = (bill: number) => [
      { ...person('Hillary Clinton', ['Clinton']), quotes: 50 },
      { ...person('Bill Clinton', ['Clinton']), quotes: bill },
    ];
    expect(findLink(incoming('Clinton'), known(6))?.name).toBe('Hillary Clinton');
    expect(findLink(incoming('Clinton'), known(20))).toBeNull();
  });

  test('GIVEN "Donald Trump" known THEN "Donald J. Trump" is him, and the name stays without the initial', () => {
    const link = linkSpeaker(incoming('Donald J. Trump'), [person('Donald Trump')]);
    expect(link.target?.name).toBe('Donald Trump');
    expect(link.merged.name).toBe('Donald Trump');
    expect(link.merged.aliases).toContain('Donald J. Trump');
  });

  test('GIVEN "Donald J. Trump" known THEN "Donald Trump" arriving later becomes the canonical name', () => {
    const link = linkSpeaker(incoming('Donald Trump'), [person('Donald J. Trump')]);
    expect(link.target?.name).toBe('Donald J. Trump');
    expect(link.merged.name).toBe('Donald Trump');
  });

  test('GIVEN a bare "Clinton" and "Hillary Clinton" known THEN "Bill Clinton" does not absorb "Clinton"', () => {
    expect(findLink(incoming('Bill Clinton'), [person('Clinton'), person('Hillary Clinton')])).toBeNull();
  });

  test('GIVEN a known alias THEN the alias finds the speaker', () => {
    const known = [person('Dmitry Peskov', ['Kremlin spokesman Dmitry Peskov'])];
    expect(findLink(incoming('kremlin spokesman dmitry peskov'), known)?.id).toBe('dmitry-peskov');
  });

  test('GIVEN organisations THEN no surname rule applies', () => {
    const known: ArchiveSpeaker[] = [{ id: 'state-department', name: 'State Department', aliases: [], roles: [], type: 'organization' }];
    expect(findLink({ name: 'Department', aliases: [], roles: [], type: 'organization' }, known)).toBeNull();
    expect(findLink({ name: 'the State Department', aliases: [], roles: [], type: 'organization' }, known)?.id).toBe('state-department');
  });

  test('GIVEN a new speaker THEN roles and aliases are kept without duplicates', () => {
    const merged = mergeSpeaker(null, incoming('Hassan Rouhani', ['Rouhani', 'rouhani'], ['Iranian President', 'iranian president']));
    expect(merged).toEqual({ id: 'hassan-rouhani', name: 'Hassan Rouhani', aliases: ['Rouhani'], roles: ['Iranian President'], type: 'person' });
  });

  test('GIVEN a speaker THEN its terms start at every word of its name, aliases and roles', () => {
    const terms = speakerTerms(person('Recep Tayyip Erdoğan', [], ['Turkish president']));
    expect(terms).toEqual(expect.arrayContaining(['recep tayyip erdogan', 'tayyip erdogan', 'erdogan', 'turkish president', 'president']));
  });
});

describe('the rank of a speaker in an autocomplete bucket', () => {
  test('GIVEN quote counts THEN the rank is the count rounded down to a power of two, none counting as one', () => {
    expect([0, 1, 2, 3, 4, 5, 7, 8, 1000, 1024, 1025].map(rankCount)).toEqual([1, 1, 2, 2, 4, 4, 4, 8, 512, 1024, 1024]);
  });

  test('GIVEN any count THEN SQLite computes the same rank as the program', () => {
    const db = new Database(':memory:');
    const rank = db.prepare<[{ n: number }], number>(`SELECT ${rankCountSqlite(':n')}`).pluck();
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n) => rank.get({ n }) === rankCount(n)));
    for (let k = 0; k < 31; k++) for (const n of [2 ** k - 1, 2 ** k, 2 ** k + 1]) expect(rank.get({ n })).toBe(rankCount(n));
    db.close();
  });
});
