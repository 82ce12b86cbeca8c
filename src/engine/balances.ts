import type { Minor } from '../domain/money.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import { balanceOf, postEntry } from '../store/repos/ledger-repo.js';
import type { EngineContext } from './context.js';
import { directDownline } from './agents.js';

/** The operator credits an agent's balance for money received (cash, bank transfer). */
export function deposit(
  ctx: EngineContext,
  code: string,
  amount: Minor,
  memo?: string,
): Result<{ balance: Minor }, 'AGENT.UNKNOWN' | 'AMOUNT.INVALID'> {
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse('AMOUNT.INVALID');
  return ctx.sql.transaction(() => {
    const a = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
    if (!a) return refuse('AGENT.UNKNOWN', { code });
    postEntry(ctx.sql, { kind: 'deposit', ref: a.code, memo: memo ?? null, at: ctx.clock.now() }, [
      { account: ctx.accounts.deposits, amount: -amount },
      { account: a.balance_account, amount },
    ]);
    return ok({ balance: balanceOf(ctx.sql, a.balance_account) });
  });
}

/**
 * Moves balance from an agent to one of its direct downlines (TRF). A transfer never draws on
 * the sender's credit limit: only money it has may be passed down.
 */
export function transfer(
  ctx: EngineContext,
  fromId: number,
  toCode: string,
  amount: Minor,
): Result<{ to: string; amount: Minor; balance: Minor; toBalance: Minor },
  'AGENT.UNKNOWN' | 'AGENT.NOT_DOWNLINE' | 'TRANSFER.INVALID_AMOUNT' | 'SALE.INSUFFICIENT_BALANCE'> {
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse('TRANSFER.INVALID_AMOUNT');
  return ctx.sql.transaction(() => {
    const from = agentsRepo.byId(ctx.sql, fromId);
    if (!from) return refuse('AGENT.UNKNOWN');
    const to = directDownline(ctx, from.id, toCode);
    if (!to.ok) return to;
    const balance = balanceOf(ctx.sql, from.balance_account);
    if (balance < amount) return refuse('SALE.INSUFFICIENT_BALANCE', { balance });
    postEntry(ctx.sql, { kind: 'transfer', ref: `${from.code}>${to.value.code}`, at: ctx.clock.now() }, [
      { account: from.balance_account, amount: -amount },
      { account: to.value.balance_account, amount },
    ]);
    return ok({
      to: to.value.code,
      amount,
      balance: balanceOf(ctx.sql, from.balance_account),
      toBalance: balanceOf(ctx.sql, to.value.balance_account),
    });
  });
}

/** Moves the whole commission wallet into the balance (TUKAR). */
export function swapCommission(
  ctx: EngineContext,
  agentId: number,
): Result<{ amount: Minor; balance: Minor }, 'AGENT.UNKNOWN' | 'COMMISSION.EMPTY'> {
  return ctx.sql.transaction(() => {
    const a = agentsRepo.byId(ctx.sql, agentId);
    if (!a) return refuse('AGENT.UNKNOWN');
    const amount = balanceOf(ctx.sql, a.commission_account);
    if (amount <= 0) return refuse('COMMISSION.EMPTY');
    postEntry(ctx.sql, { kind: 'commission.swap', ref: a.code, at: ctx.clock.now() }, [
      { account: a.commission_account, amount: -amount },
      { account: a.balance_account, amount },
    ]);
    return ok({ amount, balance: balanceOf(ctx.sql, a.balance_account) });
  });
}
