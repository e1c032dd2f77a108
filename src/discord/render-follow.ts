/** `/follow list`: who this server follows, and where their quotes go. */
import type { Follow } from '../library/follow-store.js';
import { DESCRIPTION_MAX, fitEmbeds, plain, renderNotice, type BotMessage } from './render.js';

const BRAND_COLOR = 0x2f6fdf;

export function renderFollowList(follows: Follow[], max: number): BotMessage {
  if (follows.length === 0) return renderNotice('This server follows nobody yet. Follow a speaker with /follow add speaker:', false);
  const lines = follows.map((f) => `• **${plain(f.name)}** → <#${f.channelId}>${f.roleId ? `, mentioning <@&${f.roleId}>` : ''}`);
  let description = '';
  for (const [index, line] of lines.entries()) {
    if (description.length + line.length + 30 > DESCRIPTION_MAX) {
      description += `… and ${lines.length - index} more`;
      break;
    }
    description += `${line}\n`;
  }
  return {
    embeds: fitEmbeds([{ title: 'Speakers this server follows', description: description.trim(), footer: { text: `${follows.length} of at most ${max}` }, color: BRAND_COLOR }]),
    components: [],
    allowedMentions: { parse: [] },
  };
}
