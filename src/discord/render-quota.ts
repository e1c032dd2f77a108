/** The private answer to an `/article add` over its quota: which bound, and when to try again. */
import type { QuotaClaim } from '../library/quota-store.js';
import { renderNotice, type BotMessage } from './render.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** "10 minutes", "1 hour", "24 hours", "90 minutes": a window as a member reads it. */
export function windowText(ms: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms % HOUR_MS === 0) return plural(ms / HOUR_MS, 'hour');
  return plural(Math.max(1, Math.round(ms / MINUTE_MS)), 'minute');
}

/** A refusal that says when a slot frees: a Discord timestamp, since that is a real instant. */
export function renderQuotaRefusal(refusal: Extract<QuotaClaim, { ok: false }>): BotMessage {
  const seconds = Math.ceil(refusal.retryAt / 1000);
  const when = `Try again <t:${seconds}:R> (at <t:${seconds}:t>).`;
  const articles = `${refusal.limit} article${refusal.limit === 1 ? '' : 's'}`;
  const window = windowText(refusal.windowMs);
  return renderNotice(
    refusal.scope === 'member'
      ? `You have added ${articles} in the last ${window}, the most one member may add in that time. ${when}`
      : `This server has added ${articles} in the last ${window}, the most it may add in a day. ${when}`,
  );
}
