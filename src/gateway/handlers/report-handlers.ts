import { randomInt } from 'node:crypto';
import type { CommandOf } from '../../domain/commands.js';
import { agentsRepo } from '../../store/repos/agents-repo.js';
import { agentStats } from '../../engine/stats.js';
import { ticketsRepo } from '../../store/repos/tickets-repo.js';
import { amountOf, money, refusal, reply, type Handled, type HandlerContext } from './handler-context.js';

/**
 * TIKET: a deposit ticket. The agent transfers the amount plus a unique 1–999 addition, so the
 * operator can match the bank mutation to the agent; `pulsagate ticket pay <id>` credits it.
 */
export function ticket(h: HandlerContext, cmd: CommandOf<'Tiket'>): Handled {
  const amount = amountOf(h, cmd.amount);
  if (amount === null || amount <= 0) return refusal(h, { ok: false, code: 'TRANSFER.INVALID_AMOUNT' }, { jumlah: cmd.amount });
  const now = h.ctx.clock.now();
  const unit = 10 ** h.ctx.settings.currency.decimals;
  let unique = amount;
  for (let i = 0; i < 50; i++) {
    unique = amount + randomInt(1, 1000) * unit;
    if (!ticketsRepo.amountTaken(h.ctx.sql, unique, now)) break;
  }
  const expires = now + h.settings.ticket.ttlMs;
  ticketsRepo.insert(h.ctx.sql, { agent: h.agent.id, amount, unique, at: now, expires });
  const batas = new Intl.DateTimeFormat('en-GB', {
    timeZone: h.ctx.settings.timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', hourCycle: 'h23',
  }).format(new Date(expires));
  return reply('Tiket.ok', { jumlah: money(h, unique), rekening: h.settings.ticket.account, batas });
}

/** REKAP: own statistics, or a direct downline's, over the last N days (today included). */
export function recap(h: HandlerContext, cmd: CommandOf<'Rekap'>): Handled {
  let who = h.agent;
  if (cmd.downline !== undefined) {
    const d = agentsRepo.byCode(h.ctx.sql, cmd.downline.toUpperCase());
    if (!d) return refusal(h, { ok: false, code: 'AGENT.UNKNOWN', detail: { code: cmd.downline } });
    if (d.upline_id !== h.agent.id) return refusal(h, { ok: false, code: 'AGENT.NOT_DOWNLINE', detail: { code: d.code } });
    who = d;
  }
  const days = Math.max(1, cmd.days);
  const s = agentStats(h.ctx, who.id, days);
  return reply('Rekap.ok', {
    hari: days, kode: who.code, trx: s.sales, omzet: money(h, s.volume), komisi: money(h, s.commission),
    top: s.topProducts.length === 0 ? '-' : s.topProducts.slice(0, 3).map((p) => `${p.code} (${p.count})`).join(', '),
  });
}
