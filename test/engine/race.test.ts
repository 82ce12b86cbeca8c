import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { checkLedger } from '../../src/store/repos/ledger-check-repo.js';
import { agent, engineFixture, fund, product, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
afterEach(() => f.close());

function child(args: string[]): { ready: Promise<void>; result: Promise<{ ok: boolean; code?: string }> } {
  const p = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../support/race-child.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  p.stdout.on('data', (d) => {
    out += d;
    if (out.includes('ready\n')) markReady();
  });
  const result = new Promise<{ ok: boolean; code?: string }>((resolve, reject) =>
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[1]!)) : reject(new Error(`child exited ${code}: ${out}`)))),
  );
  return { ready, result };
}

it('two processes racing for the last of a balance: exactly one sale wins', async () => {
  f = await engineFixture();
  product(f.ctx, { code: 'S10', price: 10_000 });
  for (let round = 0; round < 3; round++) {
    const code = `R${round}`;
    agent(f.ctx, { code, markup: 0 });
    fund(f.ctx, code, 15_000); // enough for one S10, not two
    const go = join(f.dir, `go-${round}`);
    const racers = [child([f.store.path, go, code, '081200000001']), child([f.store.path, go, code, '081200000002'])];
    await Promise.all(racers.map((r) => r.ready));
    writeFileSync(go, '');
    const results = await Promise.all(racers.map((r) => r.result));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'SALE.INSUFFICIENT_BALANCE' }]);
    expect(agentSummary(f.ctx, code)!.balance).toBe(5_000);
  }
  expect(checkLedger(f.ctx.sql).ok).toBe(true);
}, 60_000);
