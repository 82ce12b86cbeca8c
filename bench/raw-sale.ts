/**
 * The baseline of the engine benchmark: the same sale (checks, hold, then success with commission,
 * margin and supplier legs) written as hand-prepared better-sqlite3 statements with no layers.
 */
import type Sqlite from 'better-sqlite3';
import type { SystemAccounts } from '../src/store/repos/ledger-repo.js';
import { decodeShares, encodeShares } from '../src/store/repos/sale-shares.js';

export function rawSaleRunner(db: Sqlite.Database, sys: SystemAccounts) {
  const agent = db.prepare('SELECT id, upline_id, status, credit_limit, balance_account, commission_account FROM agent WHERE id = ?');
  const product = db.prepare('SELECT id, base_price, cost, active FROM product WHERE code = ?');
  const maxCounter = db.prepare(
    "SELECT MAX(counter) AS c FROM sale WHERE agent_id = ? AND product_id = ? AND dest = ? AND created_at >= ? AND status != 'failed'",
  );
  const chain = db.prepare(`WITH RECURSIVE path(id, upline_id, markup, depth) AS (
      SELECT id, upline_id, markup, 0 FROM agent WHERE id = ?
      UNION ALL SELECT a.id, a.upline_id, a.markup, p.depth + 1 FROM agent a JOIN path p ON a.id = p.upline_id WHERE p.depth < 64)
    SELECT c.id, c.upline_id, COALESCE(pm.markup, wm.markup, c.markup) AS markup FROM path c
    LEFT JOIN product_markup pm ON pm.agent_id = c.id AND pm.product_id = ?
    LEFT JOIN wildcard_markup wm ON wm.upline_id = c.upline_id AND wm.product_id = ? ORDER BY c.depth`);
  const balance = db.prepare('SELECT balance FROM account WHERE id = ?').pluck();
  const insertSale = db.prepare(`INSERT INTO sale (agent_id, product_id, dest, counter, price, base_price, discount, cost, status, created_at, shares)
    VALUES (?, ?, ?, 1, ?, ?, 0, ?, 'pending', ?, ?) RETURNING id`).pluck();
  const insertEntry = db.prepare('INSERT INTO entry (kind, ref, created_at) VALUES (?, ?, ?) RETURNING id').pluck();
  const applyLeg = db.prepare('UPDATE account SET balance = balance + ? WHERE id = ? RETURNING balance, last_posting').raw();
  const insertPosting = db.prepare('INSERT INTO posting (entry_id, account_id, amount, balance_after, prev_id) VALUES (?, ?, ?, ?, ?)');
  const setHead = db.prepare('UPDATE account SET last_posting = ? WHERE id = ?');
  const finish = db.prepare("UPDATE sale SET status = 'success', sn = ?, finished_at = ? WHERE id = ? AND status = 'pending'");
  const shares = db.prepare('SELECT shares FROM sale WHERE id = ?').pluck();

  const post = (kind: string, ref: string, legs: Array<[number, number]>) => {
    const e = insertEntry.get(kind, ref, Date.now()) as number;
    for (const [account, amount] of legs) {
      if (amount === 0) continue;
      const [after, head] = applyLeg.get(amount, account) as [number, number | null];
      setHead.run(insertPosting.run(e, account, amount, after, head).lastInsertRowid, account);
    }
  };

  const start = db.transaction((buyerId: number, code: string, dest: string) => {
    const a = agent.get(buyerId) as { status: string; credit_limit: number; balance_account: number };
    const p = product.get(code) as { id: number; base_price: number; cost: number; active: number };
    if (a.status !== 'active' || !p.active) throw new Error('refused');
    if ((maxCounter.get(buyerId, p.id, dest, 0) as { c: number | null }).c !== null) throw new Error('duplicate');
    const links = chain.all(buyerId, p.id, p.id) as Array<{ id: number; upline_id: number | null; markup: number }>;
    const price = links.reduce((t, l) => t + l.markup, p.base_price);
    if ((balance.get(a.balance_account) as number) - price < -a.credit_limit) throw new Error('insufficient');
    const stored = encodeShares(links.map((l) => ({ earnerId: l.upline_id, downlineId: l.id, markup: l.markup, source: 'general' as const })));
    const id = insertSale.get(buyerId, p.id, dest, price, p.base_price, p.cost, Date.now(), stored) as number;
    post('sale.hold', `sale:${id}`, [[a.balance_account, -price], [sys.holds, price]]);
    return { id, price, base: p.base_price, cost: p.cost };
  });

  const succeed = db.transaction((s: { id: number; price: number; base: number; cost: number }) => {
    if (finish.run('SN', Date.now(), s.id).changes !== 1) throw new Error('not pending');
    const legs: Array<[number, number]> = [[sys.holds, -s.price]];
    let operator = s.base - s.cost;
    for (const { earnerId, markup } of decodeShares(shares.get(s.id) as string)) {
      if (earnerId === null) operator += markup;
      else legs.push([(agent.get(earnerId) as { commission_account: number }).commission_account, markup]);
    }
    legs.push([sys.revenue, operator], [sys.supplier, s.cost]);
    post('sale.success', `sale:${s.id}`, legs);
  });

  return (buyerId: number, code: string, dest: string) => succeed.immediate(start.immediate(buyerId, code, dest));
}
