/**
 * The floor of the SMPP benchmark: the least a gateway with our durability can do per command on
 * this machine. One thread, hand-written: the lean codec of the load side (lean-smpp.ts) as its
 * SMPP server, and for each command the rows ours writes, by prepared better-sqlite3 statements in
 * one group commit per event-loop turn (WAL, synchronous FULL): the journal row after a
 * de-duplication lookup, the PIN checked by the same keyed hash, a price-check reply; or the sale
 * with its counter lookup and shares (in its row), hold entry and postings, its "processing" reply, and in the
 * next batch its verdict (update, entry, postings, result reply). Acknowledgements and replies
 * leave only after the COMMIT; a reply is marked sent on its deliver_sm_resp, as ours does.
 * Prices are fixed numbers and the reply texts short: no parser, no pricing rules, no templates,
 * no SMPP session rules (windows, retries, redelivery). It shows how much of our CPU per command
 * is the durable work itself and how much is everything around it. The ledger it writes is
 * checked like ours.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { SYSTEM_ACCOUNTS } from '../src/domain/ledger.js';
import { createEngine } from '../src/engine/create-engine.js';
import { normalizeSender } from '../src/engine/senders.js';
import { checkLedger } from '../src/store/repos/ledger-check-repo.js';
import { openStore } from '../src/store/open-store.js';
import { encodeShares } from '../src/store/repos/sale-shares.js';
import { manualSupplier } from '../test/support/engine-fixture.js';
import { CMD, cstring, encode, encodeSm, Framer, Writer, type RawPdu } from './lean-smpp.js';
import type { LoadJob } from './smpp-load-client.js';
import { benchConfig, CHANNEL, messagesOf, runAllRounds, WINDOW } from './smpp-load.js';

type Agent = { id: number; code: string; pin_hash: string; upline_id: number | null; balance_account: number };
type Job = { seq: number; from: string; text: string; messageId: string };
type Verdict = { sale: number; ref: string; to: string; inbound: number; dest: string; price: number; earner: number | null };

const MAX_BATCH = 256;
const COST = 10_200;
const MARKUP = 50;

/** The statements of the floor (the gateway's schema, as migrated). */
function statementsOf(db: BetterSqlite3.Database) {
  return {
    agents: db.prepare(
      'SELECT s.address, a.id, a.code, a.pin_hash, a.upline_id, a.balance_account FROM sender s JOIN agent a ON a.id = s.agent_id',
    ),
    commission: db.prepare('SELECT commission_account FROM agent WHERE id = ?').pluck(),
    system: db.prepare('SELECT id FROM account WHERE name = ?').pluck(),
    product: db.prepare("SELECT id FROM product WHERE code = 'S10'").pluck(),
    seen: db.prepare('SELECT id FROM inbound WHERE channel = ? AND sender = ? AND message_id = ?').pluck(),
    journal: db.prepare(
      'INSERT INTO inbound (channel, message_id, sender, chat, text, received_at, agent_id, command, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    reply: db.prepare('INSERT INTO outbox (channel, recipient, text, inbound_id, sale_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    counter: db.prepare(
      "SELECT max(counter) FROM sale WHERE agent_id = ? AND product_id = ? AND dest = ? AND created_at >= ? AND status != 'failed'",
    ).pluck(),
    sale: db.prepare(
      "INSERT INTO sale (ref, agent_id, product_id, dest, counter, price, base_price, discount, cost, status, origin, created_at, shares) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'pending', ?, ?, ?)",
    ),
    entry: db.prepare('INSERT INTO entry (kind, ref, memo, created_at) VALUES (?, ?, NULL, ?)'),
    postings: [2, 3, 4].map((n) =>
      db.prepare(`INSERT INTO posting (entry_id, account_id, amount, balance_after, prev_id) VALUES ${Array(n).fill('(?, ?, ?, ?, ?)').join(', ')}`),
    ),
    account: db.prepare('SELECT balance, last_posting FROM account WHERE id = ?').raw(),
    setAccount: db.prepare('UPDATE account SET balance = ?, last_posting = ? WHERE id = ?'),
    finish: db.prepare("UPDATE sale SET status = 'success', sn = ?, finished_at = ? WHERE id = ? AND status = 'pending'"),
    sent: db.prepare('UPDATE outbox SET sent_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL'),
  };
}

/**
 * Serves the load client on a copy of the seeded database until it has run every round; returns
 * each round's commands/s and the process CPU per command. Throws when anything was lost.
 */
export async function floorLoop(master: string, dir: string, senders: readonly string[], sizes: readonly number[]) {
  const path = join(dir, 'floor.db');
  copyFileSync(master, path);
  const store = await openStore(path);
  const { ctx } = createEngine(store, benchConfig(path), { supplier: manualSupplier() });
  const db = store.sql.db;
  const st = statementsOf(db);
  const agents = new Map((st.agents.all() as Array<Agent & { address: string }>).map((a) => [a.address, a]));
  const account = (name: string) => st.system.get(name) as number;
  const holds = account(SYSTEM_ACCOUNTS.holds);
  const revenue = account(SYSTEM_ACCOUNTS.revenue);
  const supplier = account(SYSTEM_ACCOUNTS.supplier);
  const productId = st.product.get() as number;
  // Each account's balance and chain head in the open transaction, written once at commit (as the gateway).
  const accounts = new Map<number, [balance: number, head: number | null]>();
  const move = (id: number, amount: number, entry: number) => {
    const known = accounts.get(id) ?? (st.account.get(id) as [number, number | null]);
    const balance = known[0] + amount;
    accounts.set(id, [balance, known[1]]);
    return [entry, id, amount, balance, known[1]];
  };
  const post = (kind: string, ref: string, at: number, legs: Array<[number, number]>) => {
    const entry = Number(st.entry.run(kind, ref, at).lastInsertRowid);
    const last = Number(st.postings[legs.length - 2]!.run(...legs.flatMap(([id, amount]) => move(id, amount, entry))).lastInsertRowid);
    legs.forEach(([id], i) => (accounts.get(id)![1] = last - legs.length + 1 + i));
  };

  let queue: Job[] = [];
  let verdicts: Verdict[] = [];
  let delivered: number[] = [];
  let scheduled = false;
  let out: Writer | undefined;
  let seq = 0;
  let nextMessageId = 0;
  const awaitingResp = new Map<number, number>();
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  function command(j: Job, now: number, replies: Array<[string, number, string]>): void {
    if (st.seen.get(CHANNEL, j.from, j.messageId) !== undefined) return;
    const a = agents.get(j.from)!;
    const words = j.text.split('.');
    const pinOk = ctx.pins.verify(a.code, words[words.length - 1]!, a.pin_hash);
    const masked = `${words.slice(0, -1).join('.')}.****`;
    if (words[0] === 'H' || !pinOk) {
      const inbound = Number(st.journal.run(CHANNEL, j.messageId, j.from, j.from, masked, now, a.id, 'Harga', 'ok').lastInsertRowid);
      const text = pinOk ? `HARGA ${words[1]}: S5=5.450, S10=10.450, X10=10.650` : 'PIN salah';
      replies.push([j.from, Number(st.reply.run(CHANNEL, j.from, text, inbound, null, now).lastInsertRowid), text]);
      return;
    }
    const dest = words[1]!;
    const ref = `${CHANNEL}:${j.from}:${j.messageId}`;
    const counter = ((st.counter.get(a.id, productId, dest, now - 86_400_000) as number | null) ?? 0) + 1;
    const price = 10_400 + (a.upline_id === null ? 0 : MARKUP);
    const shares = encodeShares([{ earnerId: a.upline_id, downlineId: a.id, markup: a.upline_id === null ? 0 : MARKUP, source: 'general' }]);
    const sale = Number(st.sale.run(ref, a.id, productId, dest, counter, price, 10_400, COST, CHANNEL, now, shares).lastInsertRowid);
    post('sale.hold', `sale:${sale}`, now, [[a.balance_account, -price], [holds, price]]);
    const inbound = Number(st.journal.run(CHANNEL, j.messageId, j.from, j.from, masked, now, a.id, 'Beli', 'ok').lastInsertRowid);
    const text = `S10 ke ${dest} sedang diproses`;
    replies.push([j.from, Number(st.reply.run(CHANNEL, j.from, text, inbound, sale, now).lastInsertRowid), text]);
    const earner = a.upline_id === null ? null : (st.commission.get(a.upline_id) as number);
    verdicts.push({ sale, ref, to: j.from, inbound, dest, price, earner });
  }

  function verdict(v: Verdict, now: number, replies: Array<[string, number, string]>): void {
    st.finish.run(`SN${v.sale}`, now, v.sale);
    const legs: Array<[number, number]> = [[holds, -v.price], [supplier, COST]];
    if (v.earner !== null) legs.push([v.earner, MARKUP]);
    legs.push([revenue, v.price - COST - (v.earner === null ? 0 : MARKUP)]);
    post('sale.success', `sale:${v.sale}`, now, legs);
    const text = `SUKSES S10 ke ${v.dest} SN:SN${v.sale}`;
    replies.push([v.to, Number(st.reply.run(CHANNEL, v.to, text, null, v.sale, now).lastInsertRowid), text]);
  }

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    const finals = verdicts;
    const sent = delivered;
    verdicts = [];
    delivered = [];
    const replies: Array<[string, number, string]> = [];
    const now = Date.now();
    db.transaction(() => {
      if (sent.length > 0) st.sent.run(now, JSON.stringify(sent));
      for (const v of finals) verdict(v, now, replies);
      for (const j of batch) command(j, now, replies);
      for (const [id, [b, head]] of accounts) st.setAccount.run(b, head, id);
    }).immediate();
    accounts.clear();
    for (const j of batch) out!.write(encode(CMD.submit_sm_resp, 0, j.seq, [j.messageId]));
    for (const [to, id, text] of replies) {
      awaitingResp.set(++seq, id);
      out!.write(encodeSm(CMD.deliver_sm, seq, '9999', 1, to, text));
    }
    if (queue.length > 0 || verdicts.length > 0) schedule();
  }

  function onPdu(p: RawPdu): void {
    switch (p.id) {
      case CMD.bind_transceiver:
        return out!.write(encode(CMD.bind_transceiver_resp, 0, p.seq, ['FLOOR']));
      case CMD.submit_sm: {
        let at = cstring(p.body, 0)[1] + 2; // service_type, source TON and NPI
        const [source, afterSource] = cstring(p.body, at);
        at = cstring(p.body, afterSource + 2)[1] + 3; // destination, esm_class, protocol_id, priority
        at = cstring(p.body, cstring(p.body, at)[1])[1] + 4; // schedule, validity, four octets
        const text = p.body.toString('latin1', at + 1, at + 1 + p.body[at]!);
        queue.push({ seq: p.seq, from: normalizeSender(source) ?? source, text, messageId: String(++nextMessageId) });
        return queue.length >= MAX_BATCH ? flush() : schedule();
      }
      case CMD.deliver_sm_resp: {
        const id = awaitingResp.get(p.seq);
        awaitingResp.delete(p.seq);
        if (id !== undefined) delivered.push(id);
        return schedule();
      }
      case CMD.enquire_link:
        return out!.write(encode(CMD.enquire_link_resp, 0, p.seq, []));
      case CMD.unbind:
        return out!.write(encode(CMD.unbind_resp, 0, p.seq, []));
    }
  }

  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    out = new Writer(socket);
    const framer = new Framer();
    socket.on('data', (chunk: Buffer) => framer.push(chunk, onPdu));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const job: LoadJob = { systemId: 'bench', password: 'benchpw', window: WINDOW, rounds: sizes.map((n, r) => messagesOf(senders, n, r)) };
  const file = join(dir, 'floor-job.json');
  writeFileSync(file, JSON.stringify(job));
  const cpu0 = process.cpuUsage();
  try {
    const results = await runAllRounds((server.address() as AddressInfo).port, file, sizes.length);
    const cpu = process.cpuUsage(cpu0);
    if (delivered.length > 0) flush(); // the last deliver_sm_resp may have come with the client's exit
    const commands = sizes.reduce((a, b) => a + b, 0);
    const expected = job.rounds.flat().reduce((a, m) => a + m[2], 0);
    const count = (q: string) => db.prepare(q).pluck().get() as number;
    const problems = [
      count(`SELECT COUNT(*) FROM inbound WHERE channel = '${CHANNEL}'`) !== commands && 'journal count differs',
      count("SELECT COUNT(*) FROM sale WHERE status = 'success'") !== commands / 2 && 'sales missing',
      results.reduce((a, r) => a + r.replies, 0) !== expected && `replies differ from the ${expected} expected`,
      count(`SELECT COUNT(*) FROM outbox WHERE channel = '${CHANNEL}' AND sent_at IS NOT NULL`) !== expected && 'replies not marked sent',
      !checkLedger(store.sql).ok && 'ledger unbalanced',
    ].filter(Boolean);
    if (problems.length) throw new Error(`smpp floor: ${problems.join(', ')}`);
    return { rates: results.map((r, i) => sizes[i]! / r.seconds), cpuPerCommand: Math.round((cpu.user + cpu.system) / commands) };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    store.close();
  }
}
