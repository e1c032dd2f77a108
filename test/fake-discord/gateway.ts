/** The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, and dispatches. */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildPayload, userPayload, type FakeIds } from './payloads.js';

const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
// Long enough that no heartbeat falls inside a test; the ACK path is still served.
const HEARTBEAT_INTERVAL_MS = 45_000;

export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  #whenEmpty: (() => void)[] = [];
  #sequence = 0;
  /** Tokens sent in IDENTIFY, in order. */
  readonly identified: string[] = [];

  constructor(
    server: Server,
    private readonly ids: FakeIds,
  ) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  #accept(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      if (this.#sockets.size === 0) this.#whenEmpty.splice(0).forEach((resolve) => resolve());
    });
    socket.on('message', (raw) => this.#receive(socket, JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: unknown }));
    this.#send(socket, { op: OP.hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
  }

  #receive(socket: WebSocket, packet: { op: number; d: unknown }): void {
    if (packet.op === OP.heartbeat) {
      this.#send(socket, { op: OP.heartbeatAck, d: null, s: null, t: null });
    } else if (packet.op === OP.identify) {
      this.identified.push(String((packet.d as { token?: string }).token));
      this.#sendDispatch(socket, 'READY', this.#ready());
      this.#sendDispatch(socket, 'GUILD_CREATE', guildPayload(this.ids));
    }
  }

  #ready(): Record<string, unknown> {
    return {
      v: 10,
      user: { ...userPayload(this.ids.botUserId, 'briefing', true), verified: true, mfa_enabled: false },
      guilds: [{ id: this.ids.guildId, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: 'ws://127.0.0.1:1',
      shard: [0, 1],
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

  /** Sends an event to every connected client. */
  dispatch(event: string, data: unknown): void {
    for (const socket of this.#sockets) this.#sendDispatch(socket, event, data);
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Resolves once no client is connected (at once when none is). */
  disconnected(): Promise<void> {
    if (this.#sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenEmpty.push(resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
