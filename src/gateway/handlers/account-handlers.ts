import type { CommandOf } from '../../domain/commands.js';
import { listDownlines } from '../../engine/agents.js';
import { balanceOf } from '../../store/repos/ledger-repo.js';
import { swapCommission, transfer } from '../../engine/balances.js';
import { changePin, unlockAgent } from '../../engine/pins.js';
import { amountOf, money, refusal, reply, type Handled, type HandlerContext } from './handler-context.js';

/** SAL: balance and commission; the credit limit when there is one; a reseller's referral code. */
export function balance(h: HandlerContext): Handled {
  const a = h.agent;
  const limit = money(h, a.credit_limit);
  return reply('CekSaldo.ok', {
    saldo: money(h, balanceOf(h.ctx.sql, a.balance_account)), komisi: money(h, balanceOf(h.ctx.sql, a.commission_account)),
    kode: a.code, limit,
    kredit: a.credit_limit > 0 ? h.lang.render('CekSaldo.credit', { limit }) : '',
    referral: a.is_reseller && a.referral_code ? h.lang.render('CekSaldo.referral', { referral: a.referral_code }) : '',
  });
}

export function newPin(h: HandlerContext, cmd: CommandOf<'GantiPin'>): Handled {
  if (cmd.newPin === cmd.pin) return refusal(h, { ok: false, code: 'PIN.INVALID_NEW' });
  const r = changePin(h.ctx, h.agent.id, cmd.newPin);
  return r.ok ? reply('GantiPin.ok') : refusal(h, r);
}

export function commissionToBalance(h: HandlerContext): Handled {
  const r = swapCommission(h.ctx, h.agent.id);
  if (!r.ok) return r.code === 'COMMISSION.EMPTY' ? reply('TukarKomisi.empty') : refusal(h, r);
  return reply('TukarKomisi.ok', { komisi: money(h, r.value.amount), saldo: money(h, r.value.balance) });
}

export function send(h: HandlerContext, cmd: CommandOf<'Transfer'>): Handled {
  const amount = amountOf(h, cmd.amount);
  if (amount === null || amount <= 0) return refusal(h, { ok: false, code: 'TRANSFER.INVALID_AMOUNT' }, { jumlah: cmd.amount });
  const r = transfer(h.ctx, h.agent.id, cmd.downline, amount);
  if (!r.ok) return refusal(h, r, { jumlah: money(h, amount), harga: money(h, amount) });
  return reply('Transfer.ok', { jumlah: money(h, amount), downline: r.value.to, saldo: money(h, r.value.balance) });
}

export function downlines(h: HandlerContext): Handled {
  const rows = listDownlines(h.ctx, h.agent.id);
  if (rows.length === 0) return reply('ListDownline.empty');
  return reply('ListDownline.ok', {
    jumlah: rows.length,
    daftar: rows.map((d) => `${d.agent.code} ${d.agent.name} ${money(h, d.balance)} mk${money(h, d.agent.markup)}`).join('; '),
  });
}

export function menu(h: HandlerContext): Handled {
  const seen = new Set<string>();
  const examples = h.lang.formats.filter((f) => f.key !== 'Daftar' && !seen.has(f.key) && seen.add(f.key)).map((f) => f.example);
  return reply('Menu.ok', { daftar: examples.join(' | ') });
}

/** UNLOCK: an upline unlocks its direct downline (DOMAIN.md §5). */
export function unlockDownline(h: HandlerContext, cmd: CommandOf<'BukaKunci'>): Handled {
  const r = unlockAgent(h.ctx, cmd.downline, h.agent.id);
  return r.ok ? reply('BukaKunci.ok', { downline: cmd.downline }) : refusal(h, r);
}
