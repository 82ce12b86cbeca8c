import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo, type AgentRow } from '../store/repos/agents-repo.js';
import type { EngineContext } from './context.js';
import { PIN_SHAPE } from './pin-hasher.js';

/**
 * Checks an agent's PIN and counts failures (DOMAIN.md §5): `pinMaxAttempts` consecutive wrong
 * PINs lock the agent until its upline or the operator unlocks it. The refusal never says
 * whether the sender or the PIN was wrong. `a` is the agent's row as read in this transaction.
 * `matched`: the stored hash another thread of this process already found `pin` to match (the
 * PIN is not hashed again while that is still the agent's hash).
 */
export function authenticate(ctx: EngineContext, a: AgentRow, pin: string, matched?: string): Result<true, 'AUTH.DENIED' | 'AUTH.LOCKED'> {
  return ctx.sql.transaction(() => {
    if (a.status === 'locked') return refuse('AUTH.LOCKED');
    if ((matched !== undefined && matched === a.pin_hash) || ctx.pins.verify(a.code, pin, a.pin_hash)) {
      if (a.pin_failures !== 0) agentsRepo.setStatus(ctx.sql, a.id, 'active', 0);
      return ok(true as const);
    }
    const failures = a.pin_failures + 1;
    const locked = failures >= ctx.settings.pinMaxAttempts;
    agentsRepo.setStatus(ctx.sql, a.id, locked ? 'locked' : 'active', failures);
    return refuse(locked ? 'AUTH.LOCKED' : 'AUTH.DENIED');
  });
}

export function changePin(ctx: EngineContext, agentId: number, newPin: string): Result<true, 'PIN.INVALID_NEW' | 'AGENT.UNKNOWN'> {
  if (!PIN_SHAPE.test(newPin)) return refuse('PIN.INVALID_NEW');
  return ctx.sql.transaction(() => {
    const a = agentsRepo.byId(ctx.sql, agentId);
    if (!a) return refuse('AGENT.UNKNOWN');
    agentsRepo.setPin(ctx.sql, a.id, ctx.pins.hash(a.code, newPin), false);
    return ok(true as const);
  });
}

/** Unlocks an agent. `byUplineId` null = the operator, who may unlock anyone. */
export function unlockAgent(
  ctx: EngineContext,
  code: string,
  byUplineId: number | null = null,
): Result<true, 'AGENT.UNKNOWN' | 'AGENT.NOT_DOWNLINE'> {
  return ctx.sql.transaction(() => {
    const a = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
    if (!a) return refuse('AGENT.UNKNOWN', { code });
    if (byUplineId !== null && a.upline_id !== byUplineId) return refuse('AGENT.NOT_DOWNLINE', { code: a.code });
    agentsRepo.setStatus(ctx.sql, a.id, 'active', 0);
    return ok(true as const);
  });
}
