import { normalizeMsisdn } from '../domain/msisdn.js';
import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo, type AgentRow } from '../store/repos/agents-repo.js';
import type { EngineContext } from './context.js';
import { normalizeSender } from './senders.js';

export type BindingRefusal = 'SENDER.INVALID' | 'SENDER.NOT_REGISTERED' | 'SENDER.TAKEN';

export interface Binding {
  readonly agent: AgentRow;
  /** The address was already a sender of this agent: nothing changed. */
  readonly already: boolean;
}

/**
 * Makes `address` (e.g. `tg:123456789`) a registered sender of the agent whose registered sender
 * is `phone`, in one transaction. The caller has proved that the phone belongs to whoever holds
 * `address` (Telegram: a contact shared with `user_id` equal to the sender's own id). Binding again
 * to the same agent is a no-op; an address bound to another agent is refused.
 */
export function bindSenderByPhone(
  ctx: EngineContext, req: { readonly phone: string; readonly address: string },
): Result<Binding, BindingRefusal> {
  const phone = normalizeMsisdn(req.phone);
  const address = normalizeSender(req.address);
  if (!phone || !address) return refuse('SENDER.INVALID', { sender: phone ? req.address : req.phone });
  return ctx.sql.transaction(() => {
    const agent = agentsRepo.bySender(ctx.sql, phone);
    if (!agent) return refuse('SENDER.NOT_REGISTERED', { sender: phone });
    const owner = agentsRepo.senderOwner(ctx.sql, address);
    if (owner === agent.id) return ok({ agent, already: true });
    if (owner !== undefined) return refuse('SENDER.TAKEN', { sender: address });
    agentsRepo.addSender(ctx.sql, address, agent.id);
    return ok({ agent, already: false });
  });
}

/** The agent `address` is a registered sender of, if any. */
export function agentOfSender(ctx: EngineContext, address: string): AgentRow | undefined {
  const a = normalizeSender(address);
  return a ? agentsRepo.bySender(ctx.sql, a) : undefined;
}
