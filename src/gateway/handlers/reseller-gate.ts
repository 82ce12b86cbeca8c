import type { Command } from '../../domain/commands.js';
import { activationProgress } from '../../engine/resellers.js';
import { money, reply, type Handled, type HandlerContext } from './handler-context.js';

/** Commands only a reseller may send (DOMAIN.md §7): they manage downlines and their margins. */
const RESELLER_ONLY: ReadonlySet<Command['kind']> = new Set<Command['kind']>([
  'Reg', 'Transfer', 'BukaKunci', 'UbahMarkup', 'UbahMarkupProduk', 'UbahMarkupProduk2', 'UbahMarkupProdukSemua',
  'CekMarkupProduk', 'HapusMarkupProduk', 'HapusMarkupProduk2', 'HapusMarkupProduk3',
]);

/** A member's reseller-only command: refused, saying how to become a reseller. Undefined = allowed. */
export function resellerGate(h: HandlerContext, cmd: Command): Handled | undefined {
  if (h.agent.is_reseller || !RESELLER_ONLY.has(cmd.kind)) return undefined;
  const rule = h.ctx.settings.activation;
  let caranya: string;
  if (rule.auto) {
    const progress = activationProgress(h.ctx, h.agent);
    const syarat =
      (rule.minTotalDeposit > 0 ? h.lang.render('Reseller.minDeposit', { deposit: money(h, rule.minTotalDeposit) }) : '') +
      (rule.minBalance > 0 ? h.lang.render('Reseller.minBalance', { saldo: money(h, rule.minBalance) }) : '');
    caranya = h.lang.render('Reseller.howAuto', { jumlah: rule.minSales, syarat, sekarang: progress.sales });
  } else {
    caranya = h.lang.render('Reseller.howManual');
  }
  return reply('error.AGENT.NOT_RESELLER', { caranya });
}
