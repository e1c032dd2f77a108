/**
 * An in-memory `Library` for the bot's tests: faithful to the interface, simple inside.
 * The SQLite library replaces it once it exists.
 */
import { createHash } from 'node:crypto';
import type { Reading } from '../../src/article/types.js';
import type {
  ArticleInput, Delivery, GuildSettings, Library, SaveOutcome, SpeakerMatch, SpeakerQuote, SpeakerSummary, StoredArticle,
} from '../../src/library/types.js';

interface Entry {
  article: StoredArticle;
  text: string;
  reading: Reading;
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export class MemoryLibrary implements Library {
  readonly #entries: Entry[] = [];
  readonly #settings = new Map<string, GuildSettings>();
  readonly #deliveries = new Map<string, Delivery>();
  #clock = 1_700_000_000_000;

  saveArticle(input: ArticleInput, reading: Reading): { article: StoredArticle; outcome: SaveOutcome } {
    const hash = createHash('sha256').update(input.text).digest('hex');
    const existing = this.#entries.find((e) => e.article.source === input.source);
    if (existing && existing.article.hash === hash) return { article: existing.article, outcome: 'unchanged' };
    const article: StoredArticle = {
      id: existing?.article.id ?? this.#entries.length + 1,
      source: input.source, url: input.url ?? null, title: input.title, date: input.date, hash, addedAt: (this.#clock += 1000),
    };
    const entry = { article, text: input.text, reading };
    if (existing) Object.assign(existing, entry);
    else this.#entries.push(entry);
    return { article, outcome: existing ? 'updated' : 'created' };
  }

  #newestFirst(): Entry[] {
    return [...this.#entries].sort((a, b) => (b.article.date ?? '').localeCompare(a.article.date ?? '') || b.article.addedAt - a.article.addedAt);
  }

  #entry(id: number): Entry | undefined {
    return this.#entries.find((e) => e.article.id === id);
  }

  findByHash(hash: string): StoredArticle | null { return this.#entries.find((e) => e.article.hash === hash)?.article ?? null; }
  findBySource(source: string): StoredArticle | null { return this.#entries.find((e) => e.article.source === source)?.article ?? null; }
  getArticle(id: number): StoredArticle | null { return this.#entry(id)?.article ?? null; }
  getText(id: number): string | null { return this.#entry(id)?.text ?? null; }
  getReading(id: number): Reading | null { return this.#entry(id)?.reading ?? null; }
  latestArticle(): StoredArticle | null { return this.#newestFirst()[0]?.article ?? null; }

  listArticles(options: { search?: string; limit?: number; offset?: number } = {}): { items: StoredArticle[]; total: number } {
    const search = options.search ? fold(options.search) : null;
    const found = this.#newestFirst().filter((e) => !search || fold(`${e.article.title ?? ''} ${e.text}`).includes(search));
    const offset = options.offset ?? 0;
    return { items: found.slice(offset, offset + (options.limit ?? found.length)).map((e) => e.article), total: found.length };
  }

  #speakers(): SpeakerSummary[] {
    const byId = new Map<string, SpeakerSummary>();
    for (const { reading } of this.#entries) {
      for (const s of reading.speakers) {
        const known = byId.get(s.id) ?? { id: s.id, name: s.name, aliases: [], roles: [], quoteCount: 0 };
        known.aliases = [...new Set([...known.aliases, ...s.aliases])];
        known.roles = [...new Set([...known.roles, ...s.roles])];
        known.quoteCount += reading.quotes.filter((q) => q.speaker?.id === s.id).length;
        byId.set(s.id, known);
      }
    }
    return [...byId.values()];
  }

  suggestSpeakers(prefix: string, limit = 25): SpeakerSummary[] {
    const wanted = fold(prefix);
    return this.#speakers()
      .filter((s) => [s.name, ...s.aliases, ...s.roles].some((text) => words(text).some((w) => w.startsWith(wanted))))
      .slice(0, limit);
  }

  findSpeakers(query: string): SpeakerMatch {
    const wanted = words(query);
    const speakers = this.#speakers();
    const matches = speakers.filter((s) => [s.name, ...s.aliases, ...s.roles].some((text) => wanted.every((w) => words(text).includes(w))));
    const suggestions = matches.length
      ? []
      : speakers.filter((s) => words(s.name).some((w) => wanted.some((q) => distance(w, q) <= 2)));
    return { matches, suggestions };
  }

  quotesBySpeaker(speakerId: string, options: { articleId?: number; limit?: number; offset?: number } = {}): { items: SpeakerQuote[]; total: number } {
    const speaker = this.#speakers().find((s) => s.id === speakerId);
    if (!speaker) return { items: [], total: 0 };
    const all = this.#newestFirst()
      .filter((e) => options.articleId === undefined || e.article.id === options.articleId)
      .flatMap((e) => e.reading.quotes.filter((q) => q.speaker?.id === speakerId).map((quote) => ({ article: e.article, quote, speaker })));
    const offset = options.offset ?? 0;
    return { items: all.slice(offset, offset + (options.limit ?? all.length)), total: all.length };
  }

  articlesSince(since: number): StoredArticle[] {
    return this.#newestFirst().filter((e) => e.article.addedAt > since).map((e) => e.article);
  }

  getGuildSettings(guildId: string): GuildSettings | null { return this.#settings.get(guildId) ?? null; }
  listGuildSettings(): GuildSettings[] { return [...this.#settings.values()]; }
  saveGuildSettings(settings: GuildSettings): void { this.#settings.set(settings.guildId, { ...settings }); }
  deleteGuildSettings(guildId: string): void { this.#settings.delete(guildId); }

  getDelivery(guildId: string, localDate: string): Delivery | null { return this.#deliveries.get(`${guildId}/${localDate}`) ?? null; }
  lastDelivery(guildId: string): Delivery | null {
    const mine = [...this.#deliveries.values()].filter((d) => d.guildId === guildId);
    return mine.sort((a, b) => b.localDate.localeCompare(a.localDate))[0] ?? null;
  }

  beginDelivery(guildId: string, localDate: string, articleIds: number[]): boolean {
    const key = `${guildId}/${localDate}`;
    if (this.#deliveries.has(key)) return false;
    this.#deliveries.set(key, { guildId, localDate, status: 'pending', messageIds: [], error: null, articleIds, updatedAt: this.#clock });
    return true;
  }

  finishDelivery(guildId: string, localDate: string, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string | null }): void {
    const delivery = this.#deliveries.get(`${guildId}/${localDate}`);
    if (!delivery) return;
    Object.assign(delivery, { status: result.status, messageIds: result.messageIds ?? [], error: result.error ?? null, updatedAt: this.#clock });
  }

  close(): void {}
}
