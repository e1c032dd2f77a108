/** The REST routes the bot uses, answered the way Discord answers them. */
import type { ChannelHistory } from './channel-history.js';
import type { FakeGuild } from './gateway.js';
import { channelPayload, guildPayload, memberPayload, messagePayload, nextSnowflake, userPayload, type FakeIds } from './payloads.js';

export interface RouteRequest {
  method: string;
  /** Path after `/api/v10`, percent-decoded (`%40original` becomes `@original`). */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  answer: (match: RegExpMatchArray, request: RouteRequest) => RouteResponse;
}

type Body = Record<string, unknown>;
const asBody = (body: unknown): Body => (body && typeof body === 'object' ? (body as Body) : {});
const ok = (body: unknown): RouteResponse => ({ status: 200, body });

/** What GET /gateway/bot answers: the URL, and the shard count and identify concurrency Discord recommends. */
export interface GatewayInfo {
  url: string;
  shards: number;
  maxConcurrency: number;
}

/** The guilds the bot is in, found by id or by their channel. */
export interface GuildDirectory {
  byId(guildId: string): FakeGuild | undefined;
  byChannel(channelId: string): FakeGuild | undefined;
}

/** Builds the route table; it remembers the original response of each interaction token. */
export function buildRoutes(ids: FakeIds, gateway: () => GatewayInfo, history: ChannelHistory, guilds: GuildDirectory): Route[] {
  const originals = new Map<string, Body>();
  const original = (token: string, body: Body): Body => {
    const previous = originals.get(token);
    const message = messagePayload(ids, ids.channelId, { ...previous, ...body }, previous?.id as string | undefined);
    originals.set(token, message);
    return message;
  };
  return [
    { method: 'GET', pattern: /^\/gateway\/bot$/, answer: () => ok(gatewayBot(gateway())) },
    { method: 'GET', pattern: /^\/users\/@me$/, answer: () => ok(userPayload(ids.botUserId, 'briefing', true)) },
    {
      method: 'POST',
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      answer: ([, , token], request) => {
        const data = asBody(asBody(request.body).data);
        const message = original(token!, data);
        if (request.query.get('with_response') !== 'true') return { status: 204 };
        return ok({ interaction: { id: nextSnowflake(), type: 2 }, resource: { type: asBody(request.body).type, message } });
      },
    },
    { method: 'GET', pattern: /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/, answer: ([, token]) => ok(original(token!, {})) },
    { method: 'PATCH', pattern: /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/, answer: ([, token], r) => ok(original(token!, asBody(r.body))) },
    { method: 'PATCH', pattern: /^\/webhooks\/\d+\/[^/]+\/messages\/(\d+)$/, answer: ([, id], r) => ok(messagePayload(ids, ids.channelId, asBody(r.body), id)) },
    { method: 'DELETE', pattern: /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/, answer: () => ({ status: 204 }) },
    { method: 'POST', pattern: /^\/webhooks\/\d+\/[^/]+$/, answer: (_, r) => ok(messagePayload(ids, ids.channelId, asBody(r.body))) },
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      answer: ([, channel], r) => ok(history.post(channel!, asBody(r.body))),
    },
    { method: 'GET', pattern: /^\/channels\/(\d+)\/messages$/, answer: ([, channel], r) => ok(history.read(channel!, r.query)) },
    { method: 'PATCH', pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/, answer: ([, channel, id], r) => ok(messagePayload(ids, channel!, asBody(r.body), id)) },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)$/,
      answer: ([, id]) => {
        const guild = guilds.byChannel(id!);
        return guild ? ok(channelPayload({ ...ids, ...guild })) : unknown('Channel', 10003);
      },
    },
    {
      method: 'GET',
      pattern: /^\/guilds\/(\d+)$/,
      answer: ([, id]) => {
        const guild = guilds.byId(id!);
        return guild ? ok(guildPayload({ ...ids, ...guild })) : unknown('Guild', 10004);
      },
    },
    {
      method: 'GET',
      pattern: /^\/guilds\/\d+\/members\/(\d+)$/,
      answer: ([, id]) => ok(memberPayload(userPayload(id!, id === ids.botUserId ? 'briefing' : 'reader', id === ids.botUserId))),
    },
    { method: 'PUT', pattern: /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/, answer: (_, r) => ok(registered(ids, r.body)) },
  ];
}

function gatewayBot({ url, shards, maxConcurrency }: GatewayInfo): Body {
  return { url, shards, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: maxConcurrency } };
}

function unknown(what: string, code: number): RouteResponse {
  return { status: 404, body: { message: `Unknown ${what}`, code } };
}

/** A bulk overwrite answers with the commands, now with ids. */
function registered(ids: FakeIds, body: unknown): unknown[] {
  const commands = Array.isArray(body) ? (body as Body[]) : [];
  return commands.map((command) => ({ ...command, id: nextSnowflake(), application_id: ids.applicationId, version: nextSnowflake() }));
}

/** Finds the route for a request; a 404 like Discord's when none matches. */
export function answer(routes: Route[], request: RouteRequest): RouteResponse {
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const match = request.path.match(route.pattern);
    if (match) return route.answer(match, request);
  }
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}
