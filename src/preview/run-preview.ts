/**
 * The offline preview (`briefing preview`, or `start` without a token): the articles folder
 * read into a temporary in-memory archive and printed as the bot would post it. Nothing is
 * written to disk and nothing goes to Discord.
 */
import { existsSync } from 'node:fs';
import { buildBriefing } from '../briefing/build-briefing.js';
import { createInThreadReader } from '../ingest/article-reader.js';
import { importFolder } from '../ingest/folder.js';
import { createIngestService } from '../ingest/ingest-service.js';
import { openStores } from '../library/open-stores.js';
import { formatArticle } from './format-article.js';
import { formatBriefing } from './format-briefing.js';
import { wrap } from './wrap.js';

export interface PreviewOptions {
  articlesDir: string;
  maxBytes: number;
  /** The time the briefing is built for. */
  now: Date;
  write: (text: string) => void;
}

// Not a real guild: with no delivery history its briefing covers every article added today, i.e. all of them
const PREVIEW_GUILD = 'preview';
// A temporary archive: the preview never writes a file
const IN_MEMORY = ':memory:';

/** Prints the preview; returns the exit code (1 when there is no articles folder). */
export async function runPreview(options: PreviewOptions): Promise<number> {
  const { articlesDir, write } = options;
  if (!existsSync(articlesDir)) {
    write(`No articles folder at ${articlesDir}. Put .txt or .md articles there, or set BRIEFING_ARTICLES.\n`);
    return 1;
  }
  const stores = openStores(IN_MEMORY, { now: () => options.now.getTime() });
  const { articles } = stores;
  try {
    // One-shot and text files only: read in this thread, with no bot to keep answering
    const ingest = createIngestService({ sink: articles, reader: createInThreadReader(), maxBytes: options.maxBytes });
    const summary = await importFolder(articlesDir, { ingest });
    const { items, total } = await articles.listArticles('all', { limit: Number.MAX_SAFE_INTEGER });
    const intro = `briefing: offline preview of ${total} article${total === 1 ? '' : 's'} in ${articlesDir} (no DISCORD_TOKEN, so nothing is posted; see README.md to run the bot)`;
    const blocks = [
      wrap(intro).join('\n'),
      ...summary.failed.map((f) => `skipped ${f.file}: ${f.reason}`),
      formatBriefing(await buildBriefing(stores, PREVIEW_GUILD, options.now)),
    ];
    for (const [index, article] of items.entries()) {
      const reading = await articles.getReading('all', article.id);
      if (reading) blocks.push(formatArticle(article, reading, index + 1, total));
    }
    write(`${blocks.join('\n\n')}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
