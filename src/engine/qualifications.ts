import { ok, refuse, type Result } from '../domain/result.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import type { ProductRow } from '../store/repos/products-repo.js';
import { qualificationsRepo } from '../store/repos/qualifications-repo.js';
import type { EngineContext } from './context.js';

export const QUALIFICATION_ID = /^[A-Z][A-Z0-9_-]{0,31}$/;

/** The qualification a product requires: its own, else its group's; null when none. */
export function requiredQualification(ctx: EngineContext, product: ProductRow & { group_qualification?: string | null }): string | null {
  if (product.qualification) return product.qualification;
  if (product.group_qualification !== undefined) return product.group_qualification; // read with the product
  return product.product_group ? qualificationsRepo.groupRequirement(ctx.sql, product.product_group) : null;
}

/** Whether the agent may see and buy the product (DOMAIN.md §7). */
export function isQualified(ctx: EngineContext, agentId: number, product: ProductRow & { group_qualification?: string | null }): boolean {
  const required = requiredQualification(ctx, product);
  return required === null || qualificationsRepo.holds(ctx.sql, agentId, required);
}

type GrantRefusal = 'AGENT.UNKNOWN' | 'QUALIFICATION.INVALID';

export function grantQualification(ctx: EngineContext, code: string, id: string): Result<{ changed: boolean }, GrantRefusal> {
  return change(ctx, code, id, (agent, q) => qualificationsRepo.grant(ctx.sql, agent, q, ctx.clock.now()));
}

export function revokeQualification(ctx: EngineContext, code: string, id: string): Result<{ changed: boolean }, GrantRefusal> {
  return change(ctx, code, id, (agent, q) => qualificationsRepo.revoke(ctx.sql, agent, q));
}

function change(
  ctx: EngineContext, code: string, id: string, apply: (agent: number, q: string) => boolean,
): Result<{ changed: boolean }, GrantRefusal> {
  const q = id.trim().toUpperCase();
  if (!QUALIFICATION_ID.test(q)) return refuse('QUALIFICATION.INVALID', { id });
  return ctx.sql.transaction(() => {
    const agent = agentsRepo.byCode(ctx.sql, code.trim().toUpperCase());
    if (!agent) return refuse('AGENT.UNKNOWN', { code });
    return ok({ changed: apply(agent.id, q) });
  });
}

/** A product group requires a qualification (or, with null, no longer does). */
export function requireForGroup(ctx: EngineContext, group: string, id: string | null): Result<true, 'QUALIFICATION.INVALID'> {
  const g = group.trim().toUpperCase();
  if (id === null) {
    qualificationsRepo.unrequireGroup(ctx.sql, g);
    return ok(true);
  }
  const q = id.trim().toUpperCase();
  if (!QUALIFICATION_ID.test(q)) return refuse('QUALIFICATION.INVALID', { id });
  qualificationsRepo.requireForGroup(ctx.sql, g, q);
  return ok(true);
}
