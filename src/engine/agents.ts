import type { Minor } from '../domain/money.js';
import { checkMarkup } from '../domain/markup-rules.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo, type AgentRow } from '../store/repos/agents-repo.js';
import { balanceOf } from '../store/repos/ledger-repo.js';
import { qualificationsRepo } from '../store/repos/qualifications-repo.js';
import type { EngineContext } from './context.js';
import { PIN_SHAPE } from './pin-hasher.js';
import { newReferralCode } from './resellers.js';
import { normalizeSender } from './senders.js';

export const AGENT_CODE = /^[A-Z][A-Z0-9]{1,15}$/;

export interface NewAgent {
  readonly code: string;
  readonly name: string;
  readonly pin: string;
  /** The upline's code; none = directly under the operator. */
  readonly upline?: string | undefined;
  readonly markup?: Minor | undefined;
  readonly senders?: readonly string[] | undefined;
  readonly creditLimit?: Minor | undefined;
  /** A PIN handed out by someone else (REG, DAFTAR) must be changed by its owner. */
  readonly mustChangePin?: boolean | undefined;
  /** Reseller (default: may register downlines, set markups, transfer) or plain member. */
  readonly role?: 'member' | 'reseller' | undefined;
}

export type AgentRefusal =
  | 'AGENT.INVALID_CODE' | 'AGENT.EXISTS' | 'AGENT.UNKNOWN' | 'AGENT.INVALID_NAME' | 'PIN.INVALID_NEW'
  | 'SENDER.INVALID' | 'SENDER.TAKEN' | 'MARKUP.ABOVE_MAX' | 'MARKUP.NEGATIVE' | 'AMOUNT.INVALID';

/** Registers an agent with its accounts and senders in one transaction. */
export function addAgent(ctx: EngineContext, a: NewAgent): Result<AgentRow, AgentRefusal> {
  const code = a.code.trim().toUpperCase();
  if (!AGENT_CODE.test(code)) return refuse('AGENT.INVALID_CODE', { code });
  const name = a.name.trim();
  if (name.length === 0 || name.length > 60) return refuse('AGENT.INVALID_NAME');
  if (!PIN_SHAPE.test(a.pin)) return refuse('PIN.INVALID_NEW');
  const markup = checkMarkup(a.markup ?? 0, ctx.settings.maxMarkup);
  if (!markup.ok) return markup;
  if ((a.creditLimit ?? 0) < 0) return refuse('AMOUNT.INVALID');
  const senders: string[] = [];
  for (const s of a.senders ?? []) {
    const n = normalizeSender(s);
    if (!n) return refuse('SENDER.INVALID', { sender: s });
    senders.push(n);
  }
  return ctx.sql.transaction(() => {
    if (agentsRepo.byCode(ctx.sql, code)) return refuse('AGENT.EXISTS', { code });
    let uplineId: number | null = null;
    if (a.upline !== undefined) {
      const up = agentsRepo.byCode(ctx.sql, a.upline.trim().toUpperCase());
      if (!up) return refuse('AGENT.UNKNOWN', { code: a.upline });
      uplineId = up.id;
    }
    for (const s of senders) {
      if (agentsRepo.senderOwner(ctx.sql, s) !== undefined) return refuse('SENDER.TAKEN', { sender: s });
    }
    const id = agentsRepo.insert(ctx.sql, {
      code, name, pinHash: ctx.pins.hash(code, a.pin), mustChange: a.mustChangePin ?? false,
      uplineId, markup: markup.value, creditLimit: a.creditLimit ?? 0, at: ctx.clock.now(),
    });
    for (const s of senders) agentsRepo.addSender(ctx.sql, s, id);
    const reseller = (a.role ?? 'reseller') === 'reseller';
    agentsRepo.setRole(ctx.sql, id, reseller, reseller ? newReferralCode(ctx) : null);
    return ok(agentsRepo.byId(ctx.sql, id)!);
  });
}

export interface AgentSummary {
  readonly agent: AgentRow;
  readonly upline: string | null;
  readonly balance: Minor;
  readonly commission: Minor;
  readonly senders: readonly string[];
  readonly downlines: number;
  readonly qualifications: readonly string[];
}

export function agentSummary(ctx: EngineContext, code: string): AgentSummary | undefined {
  return ctx.sql.read(() => {
    const agent = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
    return agent && summarize(ctx, agent);
  });
}

export function summarize(ctx: EngineContext, agent: AgentRow): AgentSummary {
  return {
    agent,
    upline: agent.upline_id === null ? null : agentsRepo.byId(ctx.sql, agent.upline_id)!.code,
    balance: balanceOf(ctx.sql, agent.balance_account),
    commission: balanceOf(ctx.sql, agent.commission_account),
    senders: agentsRepo.senders(ctx.sql, agent.id),
    downlines: agentsRepo.downlines(ctx.sql, agent.id).length,
    qualifications: qualificationsRepo.heldBy(ctx.sql, agent.id),
  };
}

export function findAgent(ctx: EngineContext, code: string): AgentRow | undefined {
  return agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
}

export function listAgents(ctx: EngineContext): AgentSummary[] {
  return ctx.sql.read(() => agentsRepo.all(ctx.sql).map((a) => summarize(ctx, a)));
}

/** Direct downlines of an agent with balance and general markup (LDL). */
export function listDownlines(ctx: EngineContext, agentId: number): AgentSummary[] {
  return ctx.sql.read(() => agentsRepo.downlines(ctx.sql, agentId).map((a) => summarize(ctx, a)));
}

/** The sending agent is `uplineId`'s direct downline `code`, or a refusal. */
export function directDownline(
  ctx: EngineContext,
  uplineId: number | null,
  code: string,
): Result<AgentRow, 'AGENT.UNKNOWN' | 'AGENT.NOT_DOWNLINE'> {
  const d = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
  if (!d) return refuse('AGENT.UNKNOWN', { code });
  if (d.upline_id !== uplineId) return refuse('AGENT.NOT_DOWNLINE', { code: d.code });
  return ok(d);
}
