/**
 * A fake Discord on 127.0.0.1: a REST API and a gateway that the real discord.js Client
 * logs in to (`rest: { api: fake.apiUrl }`). It records every REST call, can be told to
 * fail a route, and dispatches interactions as a user would trigger them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelHistory } from './channel-history.js';
import { FakeGateway, type FakeGuild } from './gateway.js';
import { autocompletePayload, buttonPayload, chatInputPayload, type Invoker, type OptionInput } from './interactions.js';
import { DEFAULT_IDS, type FakeIds } from './payloads.js';
import { answer, buildRoutes, type GuildDirectory, type RouteResponse } from './rest-routes.js';

/** One REST request as the fake received it. */
export interface RestCall {
  method: string;
  /** After `/api/v10`, percent-decoded: `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the raw text when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of what the bot sent
  body: any;
  /** The interaction token the call answers, for callbacks and webhook follow-ups. */
  token: string | null;
  status: number;
}

/** Makes matching requests fail; `times` defaults to every time. */
export interface Failure {
  method?: string;
  path: string | RegExp;
  status: number;
  body?: unknown;
  times?: number;
  /** Seconds, for 429s: sent as `retry_after` and the `Retry-After` header. */
  retryAfter?: number;
}

/**
 * Requests that get no answer, as when the process that sent them is killed mid-request:
 * `made` says whether Discord acted on it (the message exists) before the answer was lost.
 */
export interface Hang {
  method: string;
  path: string | RegExp;
  made: boolean;
  times?: number;
}

/** Discord's rate limit, enforced: above `perSecond` requests in any second, a 429. */
export interface RateLimit {
  perSecond: number;
  /** `global`: one bucket for all requests but interaction responses (with `X-RateLimit-Global`); `route`: one per method and path. */
  scope: 'global' | 'route';
}

/** How the fake's gateway is sharded. */
export interface FakeGatewayOptions {
  /** The shard count GET /gateway/bot recommends (1 by default); clients may still identify with any. */
  shards?: number;
  /** `session_start_limit.max_concurrency`: identifies allowed at once (1 by default). */
  maxConcurrency?: number;
}

/** An interaction the fake dispatched: its raw payload, id and token. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

const API_PREFIX = '/api/v10';
// A waitFor that never matches should fail the test well inside vitest's timeout.
const WAIT_TIMEOUT_MS = 4_000;

interface Waiter {
  predicate: (call: RestCall) => boolean;
  resolve: (call: RestCall) => void;
}

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly ids: FakeIds;
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #failures: Failure[] = [];
  readonly #hangs: Hang[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #routes;
  #rateLimit: RateLimit | null = null;
  readonly #windows = new Map<string, number[]>();
  /** How many requests the rate limit answered with 429. */
  rateLimited = 0;
  /** Every channel's messages, deduplicated by nonce as Discord does. */
  readonly history: ChannelHistory;
  /** Each message post is answered this long after the message is created (a slow Discord; a kill can fall in between). */
  postLatencyMs = 0;
  /** The guilds the bot is in, by id; the default guild of `ids` first. */
  readonly #guilds = new Map<string, FakeGuild>();
  readonly #guildsByChannel = new Map<string, FakeGuild>();
  readonly #gatewayOptions: Required<FakeGatewayOptions>;

  private constructor(ids: FakeIds, gateway: FakeGatewayOptions) {
    this.ids = ids;
    this.#gatewayOptions = { shards: 1, maxConcurrency: 1, ...gateway };
    this.#addGuild({ guildId: ids.guildId, channelId: ids.channelId });
    this.history = new ChannelHistory(ids);
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#gateway = new FakeGateway(this.#server, ids, () => [...this.#guilds.values()]);
    const directory: GuildDirectory = { byId: (id) => this.#guilds.get(id), byChannel: (id) => this.#guildsByChannel.get(id) };
    this.#routes = buildRoutes(ids, () => ({ url: this.gatewayUrl, ...this.#gatewayOptions }), this.history, directory);
  }

  /** Starts the fake on a random port. */
  static async start(ids: Partial<FakeIds> = {}, gateway: FakeGatewayOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord({ ...DEFAULT_IDS, ...ids }, gateway);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get #origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** The value for discord.js `rest.api` (and `DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://${this.#origin}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${this.#origin}`;
  }

  get gateway(): FakeGateway {
    return this.#gateway;
  }

  #addGuild(guild: FakeGuild): void {
    this.#guilds.set(guild.guildId, guild);
    this.#guildsByChannel.set(guild.channelId, guild);
  }

  /** The bot joins these guilds: each is in the READY of the shard holding it, and sent now to a shard already connected. */
  addGuilds(guilds: readonly FakeGuild[]): void {
    for (const guild of guilds) {
      this.#addGuild(guild);
      this.#gateway.guildCreated(guild);
    }
  }

  /** Every guild the bot is in. */
  get guilds(): FakeGuild[] {
    return [...this.#guilds.values()];
  }

  /** Enforces a rate limit from now on (null lifts it), answering 429 with `retry_after` like Discord. */
  rateLimit(limit: RateLimit | null): void {
    this.#rateLimit = limit;
    this.#windows.clear();
  }

  /** A 429 when this request is over the rate limit; else it is counted in its window. */
  #overLimit(method: string, path: string): RouteResponse | null {
    if (!this.#rateLimit) return null;
    // Discord's global limit does not count interaction responses and their follow-ups
    if (this.#rateLimit.scope === 'global' && /^\/(interactions|webhooks)\//.test(path)) return null;
    const key = this.#rateLimit.scope === 'global' ? 'global' : `${method} ${path}`;
    const now = Date.now();
    const window = (this.#windows.get(key) ?? []).filter((t) => t > now - 1000);
    this.#windows.set(key, window);
    if (window.length < this.#rateLimit.perSecond) {
      window.push(now);
      return null;
    }
    this.rateLimited += 1;
    const retryAfter = Math.max(0.001, (window[0]! + 1000 - now) / 1000);
    const response = rateLimited(retryAfter);
    if (this.#rateLimit.scope === 'global') {
      response.headers = { ...response.headers, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' };
      response.body = { ...(response.body as object), global: true };
    }
    return response;
  }

  /** The messages the bot posted to `channelId`, oldest first (successful POSTs only). */
  postsTo(channelId: string): RestCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages` && c.status === 200);
  }

  /** The messages in `channelId`, oldest first: what a reader sees, however often the bot posted. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of a message
  messagesIn(channelId: string): any[] {
    return this.history.in(channelId);
  }

  /** Someone else posts in `channelId`. */
  say(channelId: string, content: string, authorId = this.ids.userId): void {
    this.history.post(channelId, { content }, authorId);
  }

  /** Leaves matching requests unanswered (recorded with status 0); `times` defaults to once. */
  hang(hang: Hang): void {
    this.#hangs.push({ times: 1, ...hang });
  }

  fail(failure: Failure): void {
    this.#failures.push({ times: Number.POSITIVE_INFINITY, ...failure });
  }

  /** Discord recovers: no more failures. */
  clearFailures(): void {
    this.#failures.length = 0;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${this.#origin}`);
    const path = decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const method = req.method ?? 'GET';
    const body = parseBody(await readBody(req));
    const hang = this.#hangs.find((h) => (h.times ?? 0) > 0 && h.method === method && (typeof h.path === 'string' ? h.path === path : h.path.test(path)));
    if (hang) {
      hang.times = (hang.times ?? 1) - 1;
      if (hang.made) answer(this.#routes, { method, path, query: url.searchParams, body });
      const call: RestCall = { method, path, query: Object.fromEntries(url.searchParams), body, token: tokenOf(path), status: 0 };
      this.calls.push(call);
      this.#notify(call);
      return;
    }
    const response = this.#overLimit(method, path) ?? this.#takeFailure(method, path) ?? answer(this.#routes, { method, path, query: url.searchParams, body });
    const call: RestCall = { method, path, query: Object.fromEntries(url.searchParams), body, token: tokenOf(path), status: response.status };
    this.calls.push(call);
    if (this.postLatencyMs > 0 && method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) await new Promise((resolve) => setTimeout(resolve, this.postLatencyMs));
    send(res, response);
    this.#notify(call);
  }

  #takeFailure(method: string, path: string): RouteResponse | null {
    const failure = this.#failures.find((f) => (f.times ?? 0) > 0 && (!f.method || f.method === method) && (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
    if (!failure) return null;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.status === 429) return rateLimited(failure.retryAfter ?? 0.05);
    return { status: failure.status, body: failure.body ?? { message: `Fake failure ${failure.status}`, code: 0 } };
  }

  #notify(call: RestCall): void {
    for (const waiter of this.#waiters) {
      if (waiter.predicate(call)) {
        this.#waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitFor(predicate: (call: RestCall) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<RestCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const recent = this.calls.slice(-5).map((c) => `${c.method} ${c.path} -> ${c.status}`);
        reject(new Error(`No matching REST call within ${timeoutMs} ms. Last calls:\n${recent.join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter = { predicate, resolve: (call) => (clearTimeout(timer), resolve(call)) };
      this.#waiters.add(waiter);
    });
  }

  /** Waits for the next call answering this interaction that matches. */
  waitForResponse(interaction: SentInteraction, predicate: (call: RestCall) => boolean = () => true): Promise<RestCall> {
    return this.waitFor((call) => call.token === interaction.token && predicate(call));
  }

  #dispatch(payload: Record<string, unknown>): SentInteraction {
    this.#gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: String(payload.id), token: String(payload.token), payload };
  }

  /** The ids of an interaction in `invoker.guild` (the default guild when absent). */
  #idsFor(invoker?: Invoker): FakeIds {
    return invoker?.guild ? { ...this.ids, ...invoker.guild } : this.ids;
  }

  /** A user runs `/name options…`; `invoker` narrows what that member may do, and where. */
  command(name: string, options: OptionInput[] = [], invoker?: Invoker): SentInteraction {
    return this.#dispatch(chatInputPayload(this.#idsFor(invoker), name, options, invoker));
  }

  /** A user types in an option of `/name`; the option being typed has `focused: true`. */
  autocomplete(name: string, options: OptionInput[], invoker?: Invoker): SentInteraction {
    return this.#dispatch(autocompletePayload(this.#idsFor(invoker), name, options, invoker));
  }

  /** A user presses a button with `customId` on a message. */
  button(customId: string, message?: Record<string, unknown>): SentInteraction {
    return this.#dispatch(buttonPayload(this.ids, customId, message));
  }

  /** Ends the gateway, every open connection and the server. */
  async close(): Promise<void> {
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `/interactions/:id/:token/callback` and `/webhooks/:app/:token/...` carry the token. */
function tokenOf(path: string): string | null {
  return path.match(/^\/interactions\/\d+\/([^/]+)\//)?.[1] ?? path.match(/^\/webhooks\/\d+\/([^/]+)/)?.[1] ?? null;
}

function rateLimited(retryAfter: number): RouteResponse {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
  };
}

function send(res: ServerResponse, response: RouteResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  headers['content-type'] = 'application/json';
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}
