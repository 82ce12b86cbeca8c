import { randomInt } from 'node:crypto';
import type { CommandOf } from '../../domain/commands.js';
import { normalizeMsisdn } from '../../domain/msisdn.js';
import { addAgent, AGENT_CODE } from '../../engine/agents.js';
import { agentsRepo } from '../../store/repos/agents-repo.js';
import { amountOf, money, refusal, type Handled, type HandlerContext } from './handler-context.js';

/** A first PIN handed out on registration: 6 random digits, to be changed with GP. */
function firstPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The next free code in the upline's series: OX001 registers OX002, OX003… (the letters of the
 * upline's code, then the next number, at least three digits).
 */
export function nextAgentCode(h: Pick<HandlerContext, 'ctx'>, uplineCode: string): string {
  const letters = /^[A-Z]+/.exec(uplineCode)?.[0] ?? 'AG';
  const highest = agentsRepo.highestInSeries(h.ctx.sql, letters);
  const code = `${letters}${String(highest + 1).padStart(3, '0')}`;
  return AGENT_CODE.test(code) ? code : `AG${Date.now()}`;
}

/** REG: the sender registers a downline; the reply carries its code and first PIN (shown once). */
export function register(h: HandlerContext, cmd: CommandOf<'Reg'>): Handled {
  const markup = amountOf(h, cmd.markup);
  if (markup === null) return refusal(h, { ok: false, code: 'AMOUNT.INVALID' }, { jumlah: cmd.markup });
  const phone = normalizeMsisdn(cmd.msisdn);
  if (!phone) return refusal(h, { ok: false, code: 'SENDER.INVALID', detail: { sender: cmd.msisdn } });
  const pin = firstPin();
  const code = nextAgentCode(h, h.agent.code);
  const r = addAgent(h.ctx, {
    code, name: cmd.name, pin, upline: h.agent.code, markup, senders: [phone], mustChangePin: true, role: h.settings.regRole,
  });
  if (!r.ok) return refusal(h, r, { markup: money(h, markup), maks: money(h, h.ctx.settings.maxMarkup) });
  return {
    replies: [{
      key: 'Reg.ok',
      values: { nama: r.value.name, kode: r.value.code, hp: phone, markup: money(h, markup) },
      secret: { pinawal: pin },
    }],
  };
}

/** DAFTAR from an unknown sender: registers a member under the reseller owning the referral code. */
export function selfRegister(
  h: Omit<HandlerContext, 'agent'>,
  cmd: CommandOf<'Daftar'>,
  sender: string,
): Handled {
  const owner = agentsRepo.byReferral(h.ctx.sql, cmd.refcode.toUpperCase());
  if (!owner || !owner.is_reseller) return refusal(h, { ok: false, code: 'AGENT.UNKNOWN', detail: { code: cmd.refcode } });
  const pin = firstPin();
  const code = nextAgentCode(h, owner.code);
  const r = addAgent(h.ctx, {
    code, name: cmd.name, pin, upline: owner.code, markup: h.settings.daftarMarkup, senders: [sender], mustChangePin: true,
    role: 'member',
  });
  if (!r.ok) return refusal(h, r);
  return { replies: [{ key: 'Daftar.ok', values: { nama: r.value.name, kode: r.value.code }, secret: { pinawal: pin } }] };
}
