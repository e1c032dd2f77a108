/**
 * Briefing -> Discord messages. Every message fits Discord's limits (taken from render.ts);
 * a briefing that does not fit one message goes out as several, each marked with its day
 * and part so a restarted bot can find what it already posted.
 */
import type { APIEmbed } from 'discord.js';
import type { Briefing, BriefingItem, BriefingSource } from '../briefing/build-briefing.js';
import { CONTENT_MAX, DESCRIPTION_MAX, EMBEDS_MAX, MESSAGE_EMBED_CHARS_MAX, TITLE_MAX, articleDate, fitEmbeds, linkUrl, plain, shorten, type BotMessage } from './render.js';

/** A briefing message as posted to a channel: only the chosen role may be mentioned. */
export interface BriefingPost {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: []; roles?: string[] };
}

const BRIEFING_COLOR = 0x2f6fdf;
// A summary is one sentence; a run-on one is cut rather than crowding out other articles
const SUMMARY_MAX = 400;
const QUOTE_MAX = 350;
// Room kept in every message for the footer that marks its day and part
const FOOTER_RESERVE = 120;
const MARKER = /Daily briefing · (\S+) · part (\d+)\/(\d+)/;

/** The footer text that marks a message as part `part` of `total` of the briefing `key`. */
export function briefingMarker(key: string, part: number, total: number): string {
  return `Daily briefing · ${key} · part ${part}/${total}`;
}

/** Reads a marker back from a footer: which day and part a posted message is. */
export function parseBriefingMarker(text: string): { key: string; part: number; total: number } | null {
  const match = MARKER.exec(text);
  return match ? { key: match[1]!, part: Number(match[2]), total: Number(match[3]) } : null;
}

// Merged near-duplicates listed under an item; more are counted
const SOURCES_SHOWN = 4;

/** "example.com" for a link's text: where the story was told, short enough for a line. */
function siteOf(href: string): string {
  return new URL(href).hostname.replace(/^www\./, '');
}

/** "`#12` · 17 September 2018 · [example.com](https://…)": what `/quotes article:12` takes, when, and where. */
function sourceLine(source: BriefingSource): string {
  const href = linkUrl(source.url);
  const date = articleDate(source.date);
  return [`\`#${source.articleId}\``, date, href ? `[${siteOf(href)}](${href})` : null].filter(Boolean).join(' · ');
}

function sourcesValue(item: BriefingItem): string {
  const also = item.also.slice(0, SOURCES_SHOWN).map((s) => `also ${sourceLine(s)}`);
  const more = item.also.length - also.length;
  return [sourceLine(item), ...also, ...(more > 0 ? [`and ${more} more`] : [])].join('\n');
}

function itemEmbed(item: BriefingItem): APIEmbed {
  const lines = [plain(shorten(item.summary, SUMMARY_MAX))];
  if (item.quote) lines.push(`> “${plain(shorten(item.quote.text, QUOTE_MAX))}”`, `> — ${plain(shorten(item.quote.speaker, 100))}`);
  lines.push(sourcesValue(item));
  return {
    title: shorten(plain(item.headline), TITLE_MAX),
    url: linkUrl(item.url),
    description: shorten(lines.filter(Boolean).join('\n'), DESCRIPTION_MAX) || 'No summary for this article.',
    color: BRIEFING_COLOR,
  };
}

const embedChars = (e: APIEmbed): number => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);

/** Embeds packed into as few messages as the 10-embed and 6000-character limits allow. */
function pack(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let chars = FOOTER_RESERVE;
  for (const embed of embeds) {
    const size = embedChars(embed);
    if (current.length > 0 && (current.length === EMBEDS_MAX || chars + size > MESSAGE_EMBED_CHARS_MAX)) {
      messages.push(current);
      current = [];
      chars = FOOTER_RESERVE;
    }
    current.push(embed);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

function heading(briefing: Briefing, key: string): string {
  const count = briefing.items.reduce((sum, item) => sum + 1 + item.also.length, 0) + briefing.omitted;
  const day = key.slice(0, 10);
  if (count === 0) return `**Daily briefing** for ${day}`;
  return `**Daily briefing** for ${day}: ${count} new article${count === 1 ? '' : 's'} · /headline, /quotes and /facts take an article's #number`;
}

/**
 * The messages of a briefing for the day `key`. The chosen role is mentioned in the first
 * one, and `allowedMentions` lets that role ping and nothing else.
 */
export function renderBriefing(briefing: Briefing, key: string, roleId: string | null = null): BriefingPost[] {
  const embeds = briefing.items.length ? briefing.items.map(itemEmbed) : [{ description: 'Nothing new since the last briefing.', color: BRIEFING_COLOR }];
  const messages = pack(embeds);
  return messages.map((group, index) => {
    const last = group.at(-1)!;
    const more = index === messages.length - 1 && briefing.omitted > 0 ? ` · ${briefing.omitted} more not shown: /articles lists them` : '';
    last.footer = { text: `${briefingMarker(key, index + 1, messages.length)}${more}` };
    const mention = roleId && index === 0 ? `<@&${roleId}> ` : '';
    const content = index === 0 ? shorten(`${mention}${heading(briefing, key)}`, CONTENT_MAX) : undefined;
    return {
      ...(content ? { content } : {}),
      embeds: fitEmbeds(group),
      allowedMentions: roleId && index === 0 ? { parse: [], roles: [roleId] } : { parse: [] },
    };
  });
}

/** `/briefing show`: the first message of what would be posted, only for the caller. */
export function renderBriefingPreview(briefing: Briefing, key: string, postWhenEmpty: boolean): BotMessage {
  const posts = renderBriefing(briefing, key);
  const nothing = briefing.items.length === 0;
  const note = nothing
    ? `Nothing new since the last briefing: ${postWhenEmpty ? 'a short “nothing new” note would be posted.' : 'nothing would be posted.'}`
    : `Preview of the next briefing (only you see this)${posts.length > 1 ? `: message 1 of ${posts.length}` : ''}.`;
  return { content: note, embeds: nothing && !postWhenEmpty ? [] : posts[0]!.embeds, components: [], allowedMentions: { parse: [] }, ephemeral: true };
}

/** A plain text answer for the briefing commands. */
export function renderBriefingNotice(lines: string[], ephemeral = true): BotMessage {
  return { content: shorten(lines.join('\n'), CONTENT_MAX), embeds: [], components: [], allowedMentions: { parse: [] }, ephemeral };
}
