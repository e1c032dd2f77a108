// Node module hooks that run the TypeScript sources as they are (no build), for the bot started
// in a child process by the fault tests: `.js` imports resolve to the `.ts` beside them, and
// `.ts` is stripped of its types by TypeScript's own transpiler. Output is cached in the temp
// folder by path, size and mtime, so a restart loads no compiler.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import process from 'node:process';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const CACHE = join(tmpdir(), 'briefing-ts-hooks-cache');
let ts = null;

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const stat = statSync(path);
  const cached = join(CACHE, `${createHash('sha256').update(`${path}:${stat.size}:${stat.mtimeMs}`).digest('hex')}.js`);
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  ts ??= (await import('typescript')).default;
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  mkdirSync(CACHE, { recursive: true });
  // Written aside and renamed into place: processes starting together must never read a half-written entry
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}
