import { describe, expect, test } from 'vitest';
import { speakerId } from '../src/library/speakers.js';
import { quoteOf, read } from './read-article.js';

// The engine compares names by the one fold the archive keys them by (src/article/text/fold.ts)
describe('names are compared by the one fold', () => {
  test('a dotless ı and a plain i are one person: "Binali Yıldırım" in the lead is the "Yildirim" quoted later', () => {
    const reading = read('Turkish Prime Minister Binali Yıldırım spoke on Monday.\n\n"Our patience has limits," Yildirim said.');
    expect(quoteOf(reading, 'Our patience').speaker?.name).toBe('Binali Yıldırım');
  });

  test('a hyphenated name stays one word: a "Trump-Clinton fight" in the title is not the fuller name of Hillary Clinton', () => {
    const reading = read(
      'Atlantic City officials welcome Trump-Clinton fight over their misfortune.\n\n' +
        "ATLANTIC CITY — Hillary Clinton descended on this struggling seaside town on Wednesday afternoon, delivering a blistering critique of Donald Trump's failed casino ventures.\n\n" +
        '“Donald Trump says he’s qualified for president because of his business record,” Clinton said, standing in front of a faded sign.',
    );
    expect(quoteOf(reading, 'Donald Trump says').speaker?.name).toBe('Hillary Clinton');
  });

  test("the engine names a speaker by the archive's id for the same name", () => {
    const reading = read('"We will win," Recep Tayyip Erdoğan told reporters. The newspaper said "this is a test of the claim" in its editorial.');
    expect(reading.speakers.map((s) => s.name)).toEqual(['Recep Tayyip Erdoğan', 'the newspaper']);
    for (const s of reading.speakers) expect(s.id).toBe(speakerId(s.name));
  });
});
