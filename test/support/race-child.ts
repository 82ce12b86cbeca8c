/**
 * A second process for race tests: opens the same database file, waits until the parent's go
 * file exists, then tries to buy and prints the outcome as JSON.
 */
import { existsSync } from 'node:fs';
import { parseConfig } from '../../src/config/load-config.js';
import { agentSummary } from '../../src/engine/agents.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { startSale } from '../../src/engine/sales.js';
import { openStore } from '../../src/store/open-store.js';
import { manualSupplier } from './engine-fixture.js';

const [dbPath, goFile, buyer, dest] = process.argv.slice(2) as [string, string, string, string];
const config = parseConfig({}, { file: 'race', env: {}, cwd: process.cwd(), dbPath });
const store = await openStore(dbPath);
const engine = createEngine(store, config, { supplier: manualSupplier() });
const agentId = agentSummary(engine.ctx, buyer)!.agent.id;
process.stdout.write('ready\n');
while (!existsSync(goFile)) await new Promise((r) => setImmediate(r));
const r = startSale(engine.ctx, { agentId, product: 'S10', dest });
process.stdout.write(JSON.stringify(r.ok ? { ok: true } : { ok: false, code: r.code }) + '\n');
store.close();
