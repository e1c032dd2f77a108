/**
 * The messages of every channel, as Discord keeps them: posted in id order, read a page at a
 * time (`before`/`after`, at most 100, newest first), and deduplicated by nonce the way Discord
 * does with `enforce_nonce`: the same nonce from the same author within a few minutes answers
 * with the message already created instead of a new one.
 */
import { messagePayload, type FakeIds } from './payloads.js';

type Body = Record<string, unknown>;

// Discord keeps a nonce "for a few minutes"; the fake keeps it for this long
export const NONCE_WINDOW_MS = 5 * 60_000;
const PAGE_DEFAULT = 50;
const PAGE_MAX = 100;

export class ChannelHistory {
  readonly #messages = new Map<string, Body[]>();
  readonly #nonces = new Map<string, { message: Body; at: number }>();
  /** How many posts a nonce turned into the message already there. */
  deduplicated = 0;

  constructor(private readonly ids: FakeIds) {}

  /** A post to `channelId` by `authorId` (the bot unless said); the message, new or the one its nonce names. */
  post(channelId: string, body: Body, authorId = this.ids.botUserId): Body {
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
    const nonceKey = nonce && body.enforce_nonce === true ? `${authorId}:${nonce}` : null;
    const seen = nonceKey ? this.#nonces.get(nonceKey) : undefined;
    if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) {
      this.deduplicated += 1;
      return seen.message;
    }
    const message: Body = { ...messagePayload(this.ids, channelId, body), ...(nonce ? { nonce } : {}) };
    if (authorId !== this.ids.botUserId) message.author = { id: authorId, username: 'reader', discriminator: '0', global_name: 'reader', avatar: null, bot: false, flags: 0 };
    this.#messages.set(channelId, [...this.in(channelId), message]);
    if (nonceKey) this.#nonces.set(nonceKey, { message, at: Date.now() });
    return message;
  }

  /** Every message in `channelId`, oldest first. */
  in(channelId: string): Body[] {
    return this.#messages.get(channelId) ?? [];
  }

  /** GET /channels/:id/messages: newest first; `after` gives the oldest page after that id, `before` the newest before it. */
  read(channelId: string, query: URLSearchParams): Body[] {
    const limit = Math.min(PAGE_MAX, Math.max(1, Number(query.get('limit') ?? PAGE_DEFAULT)));
    const id = (m: Body): bigint => BigInt(m.id as string);
    const all = this.in(channelId);
    const after = query.get('after');
    if (after)
      return all
        .filter((m) => id(m) > BigInt(after))
        .slice(0, limit)
        .reverse();
    const before = query.get('before');
    const older = before ? all.filter((m) => id(m) < BigInt(before)) : all;
    return older.slice(-limit).reverse();
  }
}
