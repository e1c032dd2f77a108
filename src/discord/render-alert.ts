/** Quote alerts and the hourly summary, as Discord messages within its limits. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AlertSummary, QuoteAlert } from '../briefing/alert-poster.js';
import { articleDate, CONTENT_MAX, DESCRIPTION_MAX, FIELD_VALUE_MAX, fitEmbeds, linkUrl, plain, QUOTE_TEXT_MAX, shorten, TITLE_MAX } from './render.js';

const ALERT_COLOR = 0x2f6fdf;
/** Summary lines before "… and N more": a summary is a glance, not the list itself. */
const SUMMARY_LINES_MAX = 20;

/** A message posted in a channel: only `roles` may be mentioned. */
export interface ChannelPost {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: []; roles?: string[] };
}

/** The quotes as block quotes, as many as fit. */
function quotesText(quotes: string[]): string {
  const lines: string[] = [];
  for (const quote of quotes) {
    const line = `> “${plain(shorten(quote, QUOTE_TEXT_MAX))}”`;
    if ([...lines, line].join('\n').length > DESCRIPTION_MAX) break;
    lines.push(line);
  }
  return lines.join('\n');
}

const MARKER_PREFIX = 'Quote alert · ';

/** The footer that names an alert's nonce, so a process after a crash finds it in the channel. */
export const alertMarker = (nonce: string): string => `${MARKER_PREFIX}${nonce}`;

/** The nonce an alert's footer names, or null. */
export function parseAlertMarker(footer: string): string | null {
  return footer.startsWith(MARKER_PREFIX) ? footer.slice(MARKER_PREFIX.length) : null;
}

/** One alert: the quotes, who said them, the article's headline, date, link and number; the footer names its nonce. */
export function renderQuoteAlert(alert: QuoteAlert, nonce?: string): ChannelPost {
  const { article, speaker } = alert;
  const date = articleDate(article.date);
  const who = speaker.roles[0] ? `${speaker.name}, ${speaker.roles[0]}` : speaker.name;
  const title = article.title ?? article.headline;
  const fields: APIEmbedField[] = [
    // Without a title of its own the headline is the title already
    ...(title !== article.headline ? [{ name: 'Headline', value: shorten(plain(article.headline), FIELD_VALUE_MAX) }] : []),
    ...(date ? [{ name: 'Date', value: date, inline: true }] : []),
    { name: 'Article', value: `#${article.id} · /quotes article:${article.id} · /headline article:${article.id}`, inline: true },
  ];
  const embed: APIEmbed = {
    color: ALERT_COLOR,
    author: { name: shorten(`${alert.quotes.length > 1 ? `${alert.quotes.length} quotes` : 'New quote'} by ${who}`, TITLE_MAX) },
    title: shorten(plain(title), TITLE_MAX),
    url: linkUrl(article.url),
    description: quotesText(alert.quotes),
    fields,
    ...(nonce ? { footer: { text: alertMarker(nonce) } } : {}),
  };
  const role = alert.roleId ? `<@&${alert.roleId}> ` : '';
  return {
    content: shorten(`${role}${plain(speaker.name)} is quoted in a new article.`, CONTENT_MAX),
    embeds: fitEmbeds([embed]),
    allowedMentions: { parse: [], ...(alert.roleId ? { roles: [alert.roleId] } : {}) },
  };
}

/** The alerts over the hourly cap, in one message; nobody is mentioned; the footer names its nonce. */
export function renderAlertSummary(summary: AlertSummary, nonce?: string): ChannelPost {
  const lines = summary.alerts.slice(0, SUMMARY_LINES_MAX).map((a) => `• ${plain(a.speaker)}: #${a.articleId} ${plain(shorten(a.title, 120))}`);
  const more = summary.alerts.length - lines.length;
  const start = new Date(summary.hour * 3_600_000).toISOString().slice(11, 16);
  return {
    embeds: fitEmbeds([
      {
        color: ALERT_COLOR,
        title: `${summary.alerts.length} more quote alert${summary.alerts.length === 1 ? '' : 's'}`,
        description: shorten(
          [
            `This channel gets at most ${summary.perHour} quote alerts an hour; these came in the hour from ${start} UTC.`,
            ...lines,
            ...(more > 0 ? [`… and ${more} more`] : []),
            'See them with /quotes article:<number>.',
          ].join('\n'),
          DESCRIPTION_MAX,
        ),
        ...(nonce ? { footer: { text: alertMarker(nonce) } } : {}),
      },
    ]),
    allowedMentions: { parse: [] },
  };
}
