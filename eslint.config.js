// ESLint: typescript-eslint's type-checked recommendations, and the layers of DESIGN.md as rules.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of DESIGN.md: where each lives, and the layers it may import besides itself. The
 * allowed graph is acyclic, so no import cycle between folders can pass: commands -> discord,
 * briefing, ingest, library -> article. `shared` (logger, clock) and `config` sit below all but
 * the engine, which imports nothing of ours. A new folder must be placed here, or it is unchecked.
 */
const LAYERS = {
  article: { files: ['src/article/**/*.ts'], path: '(src/)?article/', may: [] },
  shared: { files: ['src/logger.ts', 'src/clock.ts'], path: '(src/)?(logger|clock)\\.js$', may: [] },
  config: { files: ['src/config.ts'], path: '(src/)?config\\.js$', may: [] },
  library: { files: ['src/library/**/*.ts'], path: '(src/)?library/', may: ['article', 'shared', 'config'] },
  ingest: { files: ['src/ingest/**/*.ts'], path: '(src/)?ingest/', may: ['library', 'article', 'shared', 'config'] },
  briefing: { files: ['src/briefing/**/*.ts'], path: '(src/)?briefing/', may: ['library', 'article', 'shared', 'config'] },
  discord: { files: ['src/discord/**/*.ts'], path: '(src/)?discord/', may: ['briefing', 'ingest', 'library', 'article', 'shared', 'config'] },
  preview: { files: ['src/preview/**/*.ts', 'src/preview.ts'], path: '(src/)?preview(/|\\.js$)', may: ['briefing', 'ingest', 'library', 'article', 'shared', 'config'] },
  commands: { files: ['commands/**/*.ts'], path: 'commands/', may: ['discord', 'briefing', 'ingest', 'library', 'article', 'shared', 'config'] },
  // The composition root wires everything; nothing below may reach back into it
  app: {
    files: ['src/main.ts', 'src/cli.ts'],
    path: '(src/)?(main|cli)\\.js$',
    may: ['commands', 'discord', 'preview', 'briefing', 'ingest', 'library', 'article', 'shared', 'config'],
  },
};

const DISCORD_PACKAGES = { paths: ['discord.js'], patterns: ['@discordjs/*'] };
// The engine is pure functions over text: no Discord, storage, schedule, network or files
const ENGINE_PACKAGES = {
  paths: ['discord.js', 'node-cron', 'better-sqlite3', 'pg', 'linkedom', '@mozilla/readability', 'ws'],
  patterns: ['@discordjs/*'],
  builtins: '^(node:)?(fs|net|http|https|http2|dns|child_process|worker_threads|cluster)(/|$)',
};
const FORBIDDEN_PACKAGES = {
  article: ENGINE_PACKAGES,
  shared: DISCORD_PACKAGES,
  config: DISCORD_PACKAGES,
  library: DISCORD_PACKAGES,
  ingest: DISCORD_PACKAGES,
  briefing: DISCORD_PACKAGES,
};
const DESIGN_RULE = 'DESIGN.md: commands -> discord/briefing/library -> article, briefing never imports discord, the engine imports nothing above it';

/**
 * The engine's support folders, and the folders each may import besides itself and the
 * engine's types.ts. The pipeline steps (read, sentences, quotes, speakers, rank, headline,
 * summary, facts) are the files at src/article/'s top and may import any folder; no folder
 * imports a step, and no folder imports one that imports it, so there is no cycle between them.
 */
const ENGINE_FOLDERS = {
  lexicon: [],
  text: [],
  grammar: ['text', 'lexicon'],
  entities: ['grammar', 'text', 'lexicon'],
  attribution: ['grammar', 'text', 'lexicon'],
  facts: ['grammar', 'text', 'lexicon'],
};
// A step, or the pipeline itself: what a support folder never imports
const ENGINE_TOP = /^\.\.\/(?!types\.js$)[\w-]+\.js$/.source;

/** The layer rule of the engine, for one of its folders: the engine's, and the folders it may not import. */
function engineFolderRule(folder) {
  const engine = layerRule('article');
  const [level, options] = engine.rules['no-restricted-imports'];
  const banned = Object.keys(ENGINE_FOLDERS).filter((other) => other !== folder && !ENGINE_FOLDERS[folder].includes(other));
  const message = (other) => `article/${folder} may not import article/${other}/ (the engine's folders, in eslint.config.js ENGINE_FOLDERS, import only those before them).`;
  return {
    files: [`src/article/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        level,
        {
          ...options,
          patterns: [
            ...options.patterns,
            ...banned.map((other) => ({ regex: `^\\.\\./${other}/`, message: message(other) })),
            { regex: ENGINE_TOP, message: `article/${folder} may not import a pipeline step (the files at src/article/'s top, but types.ts).` },
          ],
        },
      ],
    },
  };
}

/** no-restricted-imports for one layer: every other layer it may not import, and its forbidden packages. */
function layerRule(name) {
  const layer = LAYERS[name];
  const banned = Object.keys(LAYERS).filter((other) => other !== name && !layer.may.includes(other));
  const packages = FORBIDDEN_PACKAGES[name] ?? { paths: [], patterns: [] };
  const message = (what) => `${name} may not import ${what} (${DESIGN_RULE}).`;
  return {
    files: layer.files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.paths.map((path) => ({ name: path, message: message(path) })),
          patterns: [
            ...banned.map((other) => ({ regex: `^(\\.{1,2}/)+${LAYERS[other].path}`, message: message(`${other}/`) })),
            ...(packages.patterns.length ? [{ group: packages.patterns, message: message(packages.patterns.join(', ')) }] : []),
            ...(packages.builtins ? [{ regex: packages.builtins, message: message('file, network or process modules') }] : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bin/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Values from JSON.parse, REST bodies and the DOM are `any` by their libraries' types; tsc's
      // strict mode already keeps our own code free of implicit any
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `_unused` names a parameter kept for its position, or a property left out of a rest
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A module cycle, inside a folder too, makes load order matter
      'import-x/no-cycle': 'error',
    },
  },
  ...Object.keys(LAYERS).map(layerRule),
  // After the engine's rule, which each of these extends (a later rule replaces an earlier one)
  ...Object.keys(ENGINE_FOLDERS).map(engineFolderRule),
  {
    // Only src/config.ts reads the environment; everything else is handed its config
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in src/config.ts and pass the value in.' }],
      // STYLE.md: a file that grows past this is split by meaning
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Fakes and benches implement async interfaces with answers they already have
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'test/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
