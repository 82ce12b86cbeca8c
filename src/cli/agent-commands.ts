import type { Command } from 'commander';
import { toDecimalText } from '../domain/money.js';
import { addAgent, agentSummary, listAgents, type AgentSummary } from '../engine/agents.js';
import { unlockAgent } from '../engine/pins.js';
import { setReseller } from '../engine/resellers.js';
import { setGeneralMarkup, setProductMarkups } from '../engine/markups.js';
import type { Config } from '../config/resolve-config.js';
import { CliError } from './cli-error.js';
import { withApp, type CliHooks, type GlobalOptions } from './cli-context.js';
import { amountArg, collect } from './parse-options.js';
import { refusalText } from './refusal-text.js';
import { table } from './table.js';

function view(s: AgentSummary, config: Config) {
  const money = (v: number) => toDecimalText(v, config.currency);
  return {
    code: s.agent.code,
    name: s.agent.name,
    upline: s.upline,
    status: s.agent.status,
    balance: money(s.balance),
    commission: money(s.commission),
    markup: money(s.agent.markup),
    creditLimit: money(s.agent.credit_limit),
    senders: s.senders,
    downlines: s.downlines,
    role: s.agent.is_reseller ? 'reseller' : 'member',
    referralCode: s.agent.is_reseller ? s.agent.referral_code : null,
    qualifications: s.qualifications,
  };
}

export function registerAgentCommands(program: Command, hooks: CliHooks): void {
  const agent = program.command('agent').description('agents (resellers)');
  const g = () => program.opts<GlobalOptions>();

  agent
    .command('add <code>')
    .description('register an agent')
    .requiredOption('--name <name>', 'name')
    .requiredOption('--pin <pin>', 'first PIN, 4 to 8 digits')
    .option('--upline <code>', 'its upline (default: directly under the operator)')
    .option('--markup <amount>', 'general markup of the edge upline → this agent', '0')
    .option('--sender <id>', 'a registered sender: phone number or tg:<user id> (repeatable)', collect, [])
    .option('--credit-limit <amount>', 'how far below zero the balance may go', '0')
    .option('--member', 'a plain member (buys for itself) instead of a reseller')
    .action((code: string, o: { name: string; pin: string; upline?: string; markup: string; sender: string[]; creditLimit: string; member?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const r = addAgent(ctx, {
          code, name: o.name, pin: o.pin, upline: o.upline, senders: o.sender,
          markup: amountArg(o.markup, config.currency, 'markup'),
          creditLimit: amountArg(o.creditLimit, config.currency, 'credit limit'),
          role: o.member ? 'member' : 'reseller',
        });
        if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
        console.log(`agent ${r.value.code} added${o.upline ? ` under ${o.upline.toUpperCase()}` : ''}`);
      }),
    );

  agent
    .command('list')
    .description('list every agent')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const rows = listAgents(ctx).map((s) => view(s, config));
        if (o.json) return console.log(JSON.stringify(rows, null, 2));
        console.log(table(
          ['code', 'name', 'upline', 'status', 'balance', 'commission', 'markup', 'senders'],
          rows.map((r) => [r.code, r.name, r.upline ?? '-', r.status, r.balance, r.commission, r.markup, r.senders.join(' ')]),
        ));
      }),
    );

  agent
    .command('show <code>')
    .description('balance, commission, upline, markup and status of one agent')
    .option('--json', 'print JSON')
    .action((code: string, o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const s = agentSummary(ctx, code);
        if (!s) throw new CliError(refusalText('AGENT.UNKNOWN', { code }));
        const v = view(s, config);
        if (o.json) return console.log(JSON.stringify(v, null, 2));
        for (const [k, val] of Object.entries(v)) console.log(`${k.padEnd(12)} ${Array.isArray(val) ? val.join(' ') : (val ?? '-')}`);
      }),
    );

  agent
    .command('set-reseller <code> <on|off>')
    .description('make an agent a reseller (with a referral code) or a plain member')
    .action((code: string, flag: string) =>
      withApp(g(), hooks, ({ ctx }) => {
        if (flag !== 'on' && flag !== 'off') throw new CliError(`expected on or off, not "${flag}"`);
        const r = setReseller(ctx, code, flag === 'on');
        if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
        console.log(`${r.value.code} is now a ${r.value.is_reseller ? `reseller (referral code ${r.value.referral_code})` : 'member'}`);
      }),
    );

  agent
    .command('markup <code> <amount>')
    .description('general markup of a top-level agent (the operator is its upline)')
    .action((code: string, amount: string) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const r = setGeneralMarkup(ctx, null, code, amountArg(amount, config.currency, 'markup'));
        if (!r.ok) throw new CliError(refusalText(r.code, { code, ...r.detail }));
        console.log(`${r.value.downline} general markup ${toDecimalText(r.value.markup, config.currency)}`);
      }),
    );

  agent
    .command('product-markup <code> <items>')
    .description('product markups of a top-level agent, e.g. S5=50,S10=75')
    .action((code: string, items: string) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const parsed = items.split(',').map((item) => {
          const [product, m] = item.split('=');
          if (!product || m === undefined) throw new CliError(`invalid item "${item}": expected PRODUCT=AMOUNT, e.g. S5=50`);
          return { product: product.trim(), markup: amountArg(m, config.currency, `markup of ${product}`) };
        });
        const r = setProductMarkups(ctx, null, code, parsed);
        if (!r.ok) throw new CliError(refusalText(r.code, { code, ...r.detail }));
        console.log(`${r.value.downline}: ${r.value.count} product markup(s) saved`);
      }),
    );

  agent
    .command('unlock <code>')
    .description('unlock an agent locked after wrong PINs')
    .action((code: string) =>
      withApp(g(), hooks, ({ ctx }) => {
        const r = unlockAgent(ctx, code);
        if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
        console.log(`agent ${code.toUpperCase()} unlocked`);
      }),
    );
}
