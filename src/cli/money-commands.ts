import type { Command } from 'commander';
import { toDecimalText } from '../domain/money.js';
import { findAgent } from '../engine/agents.js';
import { deposit } from '../engine/balances.js';
import { checkLedger } from '../store/repos/ledger-check-repo.js';
import { salesRepo } from '../store/repos/sales-repo.js';
import { CliError } from './cli-error.js';
import { withApp, type CliHooks, type GlobalOptions } from './cli-context.js';
import { amountArg } from './parse-options.js';
import { refusalText } from './refusal-text.js';
import { table } from './table.js';

export function registerMoneyCommands(program: Command, hooks: CliHooks): void {
  const g = () => program.opts<GlobalOptions>();

  program
    .command('deposit <code> <amount>')
    .description("credit an agent's balance with money received")
    .option('--memo <text>', 'a note kept in the ledger (bank reference, ...)')
    .action((code: string, amount: string, o: { memo?: string }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const r = deposit(ctx, code, amountArg(amount, config.currency, 'amount', false), o.memo);
        if (!r.ok) throw new CliError(refusalText(r.code, { code, ...r.detail }));
        console.log(`${code.toUpperCase()} balance ${toDecimalText(r.value.balance, config.currency)}`);
      }),
    );

  const sale = program.command('sale').description('top-up sales');
  sale
    .command('list')
    .description('most recent sales first')
    .option('--agent <code>', 'only this agent')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action((o: { agent?: string; limit: string; json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliError(`invalid --limit "${o.limit}": a positive whole number`);
        let agentId: number | null = null;
        if (o.agent !== undefined) {
          const a = findAgent(ctx, o.agent);
          if (!a) throw new CliError(refusalText('AGENT.UNKNOWN', { code: o.agent }));
          agentId = a.id;
        }
        const rows = salesRepo.list(ctx.sql, agentId, limit).map((s) => ({
          trxid: `T${s.id}`, time: new Date(s.created_at).toISOString(), agent: s.agent_code, product: s.product_code,
          dest: s.dest, counter: s.counter, price: toDecimalText(s.price, config.currency), status: s.status,
          sn: s.sn, reason: s.reason,
        }));
        if (o.json) return console.log(JSON.stringify(rows, null, 2));
        console.log(table(
          ['trxid', 'time', 'agent', 'product', 'dest', 'price', 'status', 'sn/reason'],
          rows.map((r) => [r.trxid, r.time, r.agent, r.product, r.dest, r.price, r.status, r.sn ?? r.reason ?? '']),
        ));
      }),
    );

  program
    .command('ledger')
    .description('the double-entry ledger')
    .command('check')
    .description('recompute every balance from the postings and follow every account\'s chain; exit 0 only when all agree and they sum to zero')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx }) => {
        const r = checkLedger(ctx.sql);
        if (o.json) console.log(JSON.stringify(r, null, 2));
        else {
          console.log(`${r.accounts} accounts, ${r.entries} entries, ${r.postings} postings; postings sum ${r.postingSum}`);
          for (const m of r.mismatches) console.log(`MISMATCH ${m.name}: balance ${m.balance}, postings say ${m.recomputed}`);
          for (const u of r.unbalancedEntries) console.log(`UNBALANCED entry ${u.entry_id}: legs sum to ${u.total}`);
          for (const h of r.badHeads) console.log(`HEAD ${h.name}: last_posting ${h.last_posting}, latest posting ${h.latest}`);
          for (const l of r.brokenLinks) {
            console.log(`LINK posting ${l.id} (account ${l.account_id}): points to ${l.prev_id ?? 'none'}, previous is ${l.before ?? 'none'}; balance_after ${l.balance_after}, running ${l.expected}`);
          }
          console.log(r.ok ? 'ledger OK' : 'ledger BROKEN');
        }
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
