import { randomInt } from 'node:crypto';
import { referralCode } from '../domain/referral-code.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo, type AgentRow } from '../store/repos/agents-repo.js';
import { balanceOf } from '../store/repos/ledger-repo.js';
import { statsRepo } from '../store/repos/stats-repo.js';
import type { EngineContext } from './context.js';

/** A fresh referral code, unique among referral codes and agent codes. */
export function newReferralCode(ctx: EngineContext): string {
  for (;;) {
    const code = referralCode((n) => randomInt(n));
    if (!agentsRepo.byReferral(ctx.sql, code) && !agentsRepo.byCode(ctx.sql, code)) return code;
  }
}

/** Makes an agent a reseller (with a referral code) or a member. The operator's switch. */
export function setReseller(ctx: EngineContext, code: string, on: boolean): Result<AgentRow, 'AGENT.UNKNOWN'> {
  return ctx.sql.transaction(() => {
    const a = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
    if (!a) return refuse('AGENT.UNKNOWN', { code });
    agentsRepo.setRole(ctx.sql, a.id, on, on ? (a.referral_code ?? newReferralCode(ctx)) : a.referral_code);
    return ok(agentsRepo.byId(ctx.sql, a.id)!);
  });
}

export interface ActivationProgress {
  readonly sales: number;
  readonly deposits: number;
  readonly balance: number;
  readonly eligible: boolean;
}

/** How far a member is from automatic activation (DOMAIN.md §7). */
export function activationProgress(ctx: EngineContext, agent: AgentRow): ActivationProgress {
  const rule = ctx.settings.activation;
  const sales = statsRepo.successes(ctx.sql, agent.id);
  const deposits = statsRepo.deposits(ctx.sql, agent.balance_account);
  const balance = balanceOf(ctx.sql, agent.balance_account);
  const eligible = rule.auto && sales >= rule.minSales && deposits >= rule.minTotalDeposit && balance >= rule.minBalance;
  return { sales, deposits, balance, eligible };
}

/** After a successful sale: a member that now meets the conditions becomes a reseller. */
export function maybeActivate(ctx: EngineContext, agentId: number): boolean {
  const a = agentsRepo.byId(ctx.sql, agentId);
  if (!a || a.is_reseller || !ctx.settings.activation.auto) return false;
  if (!activationProgress(ctx, a).eligible) return false;
  agentsRepo.setRole(ctx.sql, a.id, true, a.referral_code ?? newReferralCode(ctx));
  return true;
}
