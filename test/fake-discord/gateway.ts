/**
 * The fake gateway: HELLO, IDENTIFY -> READY + a GUILD_CREATE per guild, heartbeats, and
 * dispatches. It takes several connections at once, each identifying as a shard
 * (`shard: [id, count]`, [0, 1] when absent), and sends a guild's events, interactions among
 * them, only to the connections of the shard that holds it, as Discord does.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildPayload, userPayload, type FakeIds } from './payloads.js';

const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
// Long enough that no heartbeat falls inside a test; the ACK path is still served.
const HEARTBEAT_INTERVAL_MS = 45_000;

/** A guild the bot is in: its id and its one text channel (roles and members are the fake's defaults). */
export interface FakeGuild {
  guildId: string;
  channelId: string;
}

/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * `count` guilds with ids like Discord's (a timestamp shifted left 22 bits), so consecutive
 * guilds fall on consecutive shards; each has a channel of its own. `from` starts further on.
 */
export function manyGuilds(count: number, from = 0): FakeGuild[] {
  return Array.from({ length: count }, (_, i) => {
    const base = (100_000_000_000n + BigInt(from + i)) << 22n;
    return { guildId: String(base), channelId: String(base + 1n) };
  });
}

/** `[id, count]` as sent in IDENTIFY. */
export type ShardSpec = readonly [number, number];

interface Connection {
  socket: WebSocket;
  /** Null until IDENTIFY: nothing is dispatched to it before. */
  shard: ShardSpec | null;
}

export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<Connection>();
  #whenEmpty: (() => void)[] = [];
  #sequence = 0;
  /** Tokens sent in IDENTIFY, in order. */
  readonly identified: string[] = [];
  /** The shard each IDENTIFY asked for, in order. */
  readonly identifiedShards: ShardSpec[] = [];

  constructor(
    server: Server,
    private readonly ids: FakeIds,
    private readonly guilds: () => readonly FakeGuild[],
  ) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  #accept(socket: WebSocket): void {
    const connection: Connection = { socket, shard: null };
    this.#connections.add(connection);
    socket.on('close', () => {
      this.#connections.delete(connection);
      if (this.#connections.size === 0) this.#whenEmpty.splice(0).forEach((resolve) => resolve());
    });
    socket.on('message', (raw) => this.#receive(connection, JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: unknown }));
    this.#send(socket, { op: OP.hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
  }

  #receive(connection: Connection, packet: { op: number; d: unknown }): void {
    if (packet.op === OP.heartbeat) {
      this.#send(connection.socket, { op: OP.heartbeatAck, d: null, s: null, t: null });
    } else if (packet.op === OP.identify) {
      const identify = packet.d as { token?: string; shard?: [number, number] };
      const shard: ShardSpec = identify.shard ?? [0, 1];
      this.identified.push(String(identify.token));
      this.identifiedShards.push(shard);
      connection.shard = shard;
      const guilds = this.guilds().filter((g) => shardOf(g.guildId, shard[1]) === shard[0]);
      this.#sendDispatch(connection.socket, 'READY', this.#ready(shard, guilds));
      for (const guild of guilds) this.#sendDispatch(connection.socket, 'GUILD_CREATE', guildPayload(this.#idsOf(guild)));
    }
  }

  #idsOf(guild: FakeGuild): FakeIds {
    return { ...this.ids, ...guild };
  }

  #ready(shard: ShardSpec, guilds: readonly FakeGuild[]): Record<string, unknown> {
    return {
      v: 10,
      user: { ...userPayload(this.ids.botUserId, 'briefing', true), verified: true, mfa_enabled: false },
      guilds: guilds.map((g) => ({ id: g.guildId, unavailable: true })),
      session_id: 'fake-session',
      resume_gateway_url: 'ws://127.0.0.1:1',
      shard,
      application: { id: this.ids.applicationId, flags: 0 },
    };
  }

  #send(socket: WebSocket, packet: Record<string, unknown>): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(packet));
  }

  #sendDispatch(socket: WebSocket, event: string, data: unknown): void {
    this.#sequence += 1;
    this.#send(socket, { op: OP.dispatch, t: event, s: this.#sequence, d: data });
  }

  /**
   * Sends an event where Discord would: a guild's event (its `guild_id`, or the `id` of a
   * GUILD_CREATE) to the shard holding that guild; an interaction outside a guild (a DM) to
   * shard 0; anything else to every connection.
   */
  dispatch(event: string, data: unknown): void {
    const body = (data ?? {}) as { guild_id?: unknown; id?: unknown };
    const guildId = typeof body.guild_id === 'string' ? body.guild_id : event === 'GUILD_CREATE' && typeof body.id === 'string' ? body.id : null;
    for (const { socket, shard } of this.#connections) {
      if (!shard) continue;
      if (guildId !== null && shardOf(guildId, shard[1]) !== shard[0]) continue;
      if (guildId === null && event === 'INTERACTION_CREATE' && shard[0] !== 0) continue;
      this.#sendDispatch(socket, event, data);
    }
  }

  /** A new guild for the shard that holds it, as when the bot is added to a server. */
  guildCreated(guild: FakeGuild): void {
    this.dispatch('GUILD_CREATE', guildPayload(this.#idsOf(guild)));
  }

  get connections(): number {
    return this.#connections.size;
  }

  /** The shards identified on the connections open now. */
  get shards(): ShardSpec[] {
    return [...this.#connections].flatMap((c) => (c.shard ? [c.shard] : []));
  }

  /** Resolves once no client is connected (at once when none is). */
  disconnected(): Promise<void> {
    if (this.#connections.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenEmpty.push(resolve));
  }

  async close(): Promise<void> {
    for (const { socket } of this.#connections) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
