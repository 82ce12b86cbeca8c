import type { Command } from 'commander';
import { toDecimalText } from '../domain/money.js';
import { findAgent } from '../engine/agents.js';
import { grantQualification, requireForGroup, revokeQualification } from '../engine/qualifications.js';
import { agentStats } from '../engine/stats.js';
import { productsRepo } from '../store/repos/products-repo.js';
import { qualificationsRepo } from '../store/repos/qualifications-repo.js';
import { CliError } from './cli-error.js';
import { withApp, type CliHooks, type GlobalOptions } from './cli-context.js';
import { refusalText } from './refusal-text.js';
import { table } from './table.js';

/** Qualifications and statistics: the operator's side of the reseller programme. */
export function registerResellerCommands(program: Command, hooks: CliHooks): void {
  const g = () => program.opts<GlobalOptions>();
  const q = program.command('qualification').description('qualifications required by products or groups, held by agents');

  for (const [verb, apply] of [['grant', grantQualification], ['revoke', revokeQualification]] as const) {
    q.command(`${verb} <agent> <id>`)
      .description(`${verb} a qualification ${verb === 'grant' ? 'to' : 'from'} an agent`)
      .action((agent: string, id: string) =>
        withApp(g(), hooks, ({ ctx }) => {
          const r = apply(ctx, agent, id);
          if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
          console.log(`${agent.toUpperCase()} ${id.toUpperCase()}: ${r.value.changed ? (verb === 'grant' ? 'granted' : 'revoked') : 'unchanged'}`);
        }),
      );
  }

  q.command('group <group> <id>')
    .description('every product of a group requires this qualification ("none" lifts it)')
    .action((group: string, id: string) =>
      withApp(g(), hooks, ({ ctx }) => {
        const r = requireForGroup(ctx, group, id.toLowerCase() === 'none' ? null : id);
        if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
        console.log(`group ${group.toUpperCase()}: ${id.toLowerCase() === 'none' ? 'no qualification required' : `requires ${id.toUpperCase()}`}`);
      }),
    );

  q.command('list')
    .description('what requires which qualification, and who holds it')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx }) => {
        const products = productsRepo.all(ctx.sql).filter((p) => p.qualification).map((p) => ({ product: p.code, qualification: p.qualification }));
        const groups = qualificationsRepo.groupRows(ctx.sql).map((r) => ({ group: r.product_group, qualification: r.qualification }));
        const grants = qualificationsRepo.grants(ctx.sql).map((r) => ({ agent: r.code, qualification: r.qualification }));
        if (o.json) return console.log(JSON.stringify({ products, groups, grants }, null, 2));
        console.log(table(['required by', 'qualification'], [
          ...products.map((p) => [`product ${p.product}`, p.qualification ?? '']),
          ...groups.map((r) => [`group ${r.group}`, r.qualification]),
        ]));
        console.log('');
        console.log(table(['agent', 'holds'], grants.map((r) => [r.agent, r.qualification])));
      }),
    );

  program
    .command('stats <agent>')
    .description("an agent's sales, volume, commission earned, top products and per-day series")
    .option('--days <n>', 'the last N days of the operator calendar, today included', '7')
    .option('--json', 'print JSON')
    .action((code: string, o: { days: string; json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const days = Number(o.days);
        if (!Number.isInteger(days) || days < 1 || days > 366) throw new CliError(`invalid --days "${o.days}": a whole number from 1 to 366`);
        const agent = findAgent(ctx, code);
        if (!agent) throw new CliError(refusalText('AGENT.UNKNOWN', { code }));
        const s = agentStats(ctx, agent.id, days);
        const m = (v: number) => toDecimalText(v, config.currency);
        const view = {
          agent: agent.code, days, sales: s.sales, volume: m(s.volume), commission: m(s.commission),
          topProducts: s.topProducts.map((p) => ({ code: p.code, count: p.count, volume: m(p.volume) })),
          perDay: s.perDay.map((d) => ({ day: d.day, sales: d.sales, volume: m(d.volume), commission: m(d.commission) })),
        };
        if (o.json) return console.log(JSON.stringify(view, null, 2));
        console.log(`${view.agent}, last ${days} days: ${view.sales} sales, volume ${view.volume}, commission ${view.commission}`);
        console.log(`top: ${view.topProducts.map((p) => `${p.code} (${p.count})`).join(', ') || '-'}`);
        console.log(table(['day', 'sales', 'volume', 'commission'], view.perDay.map((d) => [d.day, d.sales, d.volume, d.commission])));
      }),
    );
}
