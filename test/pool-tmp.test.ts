import { test, expect } from 'vitest';
import { createReadPool } from '../src/ingest/read-pool.js';
test('pool', async () => {
  const pool = createReadPool({ workers: 1, timeoutMs: 5000, memoryMb: 256 });
  const t = performance.now();
  const r = await pool.read('“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.', {});
  console.log(JSON.stringify(r).slice(0, 200), performance.now() - t);
  const deep = await pool.extract('<div>'.repeat(20000), null);
  console.log(deep);
  await pool.close();
  expect(r.ok).toBe(true);
});
