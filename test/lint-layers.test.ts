import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The repository's own eslint.config.js, only its layer rule, on a file that exists nowhere. */
async function layerErrors(eslint: ESLint, filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rule in eslint.config.js', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({
      cwd: ROOT,
      // The fixtures are not on disk, so no type information: only the layer rule runs
      overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    });
  });

  test.each([
    ['src/article/quotes.ts', "import type { Library } from '../library/types.js';", 'article may not import library/'],
    ['src/article/quotes.ts', "import { openLibrary } from '../library/sqlite.js';", 'article may not import library/'],
    ['src/article/quotes.ts', "import { Client } from 'discord.js';", 'article may not import discord.js'],
    ['src/article/quotes.ts', "import cron from 'node-cron';", 'article may not import node-cron'],
    ['src/article/quotes.ts', "import { readFileSync } from 'node:fs';", 'article may not import file, network or process modules'],
    ['src/article/quotes.ts', "import type { Config } from '../config.js';", 'article may not import config/'],
    ['src/briefing/deliver.ts', "import { renderBriefing } from '../discord/render-briefing.js';", 'briefing may not import discord/'],
    ['src/briefing/deliver.ts', "import type { Client } from 'discord.js';", 'briefing may not import discord.js'],
    ['src/briefing/deliver.ts', "import { SlashCommandBuilder } from '@discordjs/builders';", 'briefing may not import @discordjs/*'],
    ['src/library/sqlite.ts', "import { buildBriefing } from '../briefing/build-briefing.js';", 'library may not import briefing/'],
    ['src/discord/router.ts', "import { commands } from '../../commands/index.js';", 'discord may not import commands/'],
    ['src/ingest/ingest.ts', "import { runBot } from '../main.js';", 'ingest may not import app/'],
    ['src/article/grammar/phrases.ts', "import type { Cue } from '../attribution/cue.js';", 'article/grammar may not import article/attribution/'],
    ['src/article/text/sentences.ts', "import { tokenize } from '../grammar/tokens.js';", 'article/text may not import article/grammar/'],
    ['src/article/entities/entities.ts', "import { extractDates } from '../facts/dates.js';", 'article/entities may not import article/facts/'],
    ['src/article/attribution/attribution.ts', "import { splitSentences } from '../sentences.js';", 'article/attribution may not import a pipeline step'],
    ['src/article/grammar/phrases.ts', "import type { Library } from '../../library/types.js';", 'article may not import library/'],
  ])('GIVEN %s importing `%s` THEN lint fails: %s', async (file, source, reason) => {
    const errors = await layerErrors(eslint, `${ROOT}${file}`, `${source}\nexport {};\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('no-restricted-imports');
    expect(errors[0]).toContain(reason);
  });

  test.each([
    ['src/article/quotes.ts', "import { tokenize } from './tokens.js';"],
    ['src/article/dates.ts', "import * as chrono from 'chrono-node';"],
    ['src/article/facts.ts', "import { findEntities } from './entities/entities.js';"],
    ['src/article/attribution/attribution.ts', "import type { Sentence } from '../types.js';"],
    ['src/article/attribution/speakers.ts', "import { tokenize } from '../grammar/tokens.js';"],
    ['src/library/sqlite.ts', "import type { Reading } from '../article/types.js';"],
    ['src/briefing/deliver.ts', "import type { Library } from '../library/types.js';"],
    ['src/discord/render-briefing.ts', "import type { Briefing } from '../briefing/build-briefing.js';"],
    ['commands/briefing.ts', "import type { CommandContext } from '../src/discord/command.js';"],
    ['src/main.ts', "import { commands } from '../commands/index.js';"],
  ])('GIVEN %s importing `%s` THEN the layer rule allows it', async (file, source) => {
    expect(await layerErrors(eslint, `${ROOT}${file}`, `${source}\nexport {};\n`)).toEqual([]);
  });
});
