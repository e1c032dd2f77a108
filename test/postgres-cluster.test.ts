import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findPostgresBin } from './postgres/cluster.js';

describe('finding the PostgreSQL binaries for the test cluster', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefing-pgbin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const install = (bin: string, names = ['initdb', 'pg_ctl']): string => {
    mkdirSync(bin, { recursive: true });
    for (const name of names) {
      writeFileSync(join(bin, name), '#!/bin/sh\n');
      chmodSync(join(bin, name), 0o755);
    }
    return bin;
  };

  test('GIVEN initdb and pg_ctl on PATH THEN that folder is used', () => {
    const bin = install(join(dir, 'local', 'bin'));
    expect(findPostgresBin([join(dir, 'empty'), bin].join(delimiter), join(dir, 'none'))).toBe(bin);
  });

  test('GIVEN nothing on PATH THEN the newest Debian version is used', () => {
    for (const version of ['9', '13', '15']) install(join(dir, 'debian', version, 'bin'));
    expect(findPostgresBin(join(dir, 'empty'), join(dir, 'debian'))).toBe(join(dir, 'debian', '15', 'bin'));
  });

  test('GIVEN only initdb, or nothing at all THEN there is none, and the PostgreSQL suite is skipped', () => {
    install(join(dir, 'half'), ['initdb']);
    expect(findPostgresBin(join(dir, 'half'), join(dir, 'none'))).toBeNull();
    expect(findPostgresBin('', join(dir, 'none'))).toBeNull();
  });
});
