import type { Command } from 'commander';
import { toDecimalText } from '../domain/money.js';
import { deposit } from '../engine/balances.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import { ticketsRepo } from '../store/repos/tickets-repo.js';
import { CliError } from './cli-error.js';
import { withApp, type CliHooks, type GlobalOptions } from './cli-context.js';
import { table } from './table.js';

/** Deposit tickets opened by TIKET: the operator matches a bank transfer to one and pays it. */
export function registerTicketCommands(program: Command, hooks: CliHooks): void {
  const g = () => program.opts<GlobalOptions>();
  const ticket = program.command('ticket').description('deposit tickets (TIKET)');

  ticket
    .command('list')
    .description('most recent tickets first')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const now = ctx.clock.now();
        const rows = ticketsRepo.list(ctx.sql, 100).map((t) => ({
          id: t.id, agent: t.code, transfer: toDecimalText(t.unique_amount, config.currency),
          status: t.status === 'open' && t.expires_at <= now ? 'expired' : t.status,
          expires: new Date(t.expires_at).toISOString(),
        }));
        if (o.json) return console.log(JSON.stringify(rows, null, 2));
        console.log(table(['id', 'agent', 'transfer', 'status', 'expires'], rows.map((r) => [r.id, r.agent, r.transfer, r.status, r.expires])));
      }),
    );

  ticket
    .command('pay <id>')
    .description('the transfer arrived: credit the exact amount transferred to the agent, once')
    .action((id: string) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const n = Number(id);
        const result = ctx.sql.transaction(() => {
          const t = Number.isSafeInteger(n) ? ticketsRepo.byId(ctx.sql, n) : undefined;
          if (!t) throw new CliError(`no ticket ${id}`);
          if (!ticketsRepo.markPaid(ctx.sql, t.id)) throw new CliError(`ticket ${id} is already ${t.status}`);
          const agent = agentsRepo.byId(ctx.sql, t.agent_id)!;
          const r = deposit(ctx, agent.code, t.unique_amount, `ticket ${t.id}`);
          if (!r.ok) throw new CliError(`ticket ${id}: ${r.code}`);
          return { agent: agent.code, amount: t.unique_amount, balance: r.value.balance };
        });
        const m = (v: number) => toDecimalText(v, config.currency);
        console.log(`ticket ${id} paid: ${result.agent} +${m(result.amount)}, balance ${m(result.balance)}`);
      }),
    );
}
