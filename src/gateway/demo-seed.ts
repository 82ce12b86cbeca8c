import { addAgent } from '../engine/agents.js';
import { deposit } from '../engine/balances.js';
import { upsertProduct, type ProductInput } from '../engine/catalogue.js';
import type { EngineContext } from '../engine/context.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import { productsRepo } from '../store/repos/products-repo.js';

const PRODUCTS: ProductInput[] = [
  { code: 'S5', name: 'Telkomsel 5.000', group: 'TELKOMSEL', price: 5_400, cost: 5_250 },
  { code: 'S10', name: 'Telkomsel 10.000', group: 'TELKOMSEL', price: 10_400, cost: 10_200 },
  { code: 'S20', name: 'Telkomsel 20.000', group: 'TELKOMSEL', price: 20_300, cost: 20_050 },
  { code: 'S50', name: 'Telkomsel 50.000', group: 'TELKOMSEL', price: 49_900, cost: 49_500 },
  { code: 'X10', name: 'XL 10.000', group: 'XL', price: 10_600, cost: 10_350 },
  { code: 'I10', name: 'Indosat 10.000', group: 'INDOSAT', price: 10_800, cost: 10_550 },
  { code: 'PLN20', name: 'Token PLN 20.000', group: 'PLN', price: 20_500, cost: 20_150, destKind: 'meter' },
  { code: 'PLN50', name: 'Token PLN 50.000', group: 'PLN', price: 50_500, cost: 50_150, destKind: 'meter' },
];

/** The demo upline and its five downlines: code, name, sender, PIN. */
const AGENTS = [
  { code: 'OX001', name: 'Budi (upline)', sender: '081200000001', pin: '1111', markup: 100, balance: 1_000_000 },
  { code: 'OX002', name: 'Ani', sender: '081200000002', pin: '2222', markup: 50, balance: 200_000 },
  { code: 'OX003', name: 'Citra', sender: '081200000003', pin: '3333', markup: 50, balance: 200_000 },
  { code: 'OX004', name: 'Dedi', sender: '081200000004', pin: '4444', markup: 75, balance: 200_000 },
  { code: 'OX005', name: 'Eka', sender: '081200000005', pin: '5555', markup: 75, balance: 200_000 },
  { code: 'OX006', name: 'Fajar', sender: '081200000006', pin: '6666', markup: 100, balance: 50_000 },
];

export function isEmpty(ctx: EngineContext): boolean {
  return agentsRepo.all(ctx.sql).length === 0 && productsRepo.all(ctx.sql).length === 0;
}

/**
 * Loads the demo into an empty database, in one transaction, and returns what a newcomer needs
 * to try it: who can send what, with which PIN. `start` alone calls this, and only when
 * `demo: true` and the database is empty.
 */
export function seedDemo(ctx: EngineContext): string {
  ctx.sql.transaction(() => {
    for (const p of PRODUCTS) must(upsertProduct(ctx, p));
    for (const a of AGENTS) {
      must(addAgent(ctx, {
        code: a.code, name: a.name, pin: a.pin, markup: a.markup, senders: [a.sender],
        ...(a.code === 'OX001' ? {} : { upline: 'OX001' }),
      }));
      must(deposit(ctx, a.code, a.balance, 'demo'));
    }
  });
  const rows = AGENTS.map((a) => `  ${a.code.padEnd(6)} ${a.name.padEnd(14)} sender ${a.sender}  PIN ${a.pin}`);
  return [
    'Demo data loaded (demo: true in the config; set it to false in production):',
    `  products: ${PRODUCTS.map((p) => p.code).join(', ')}`,
    ...rows,
    '  OX002-OX006 are downlines of OX001.',
  ].join('\n');
}

function must(r: { ok: boolean; code?: string }): void {
  if (!r.ok) throw new Error(`demo seed failed: ${r.code}`);
}
