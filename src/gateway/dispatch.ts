import { assertNever, type Command } from '../domain/commands.js';
import { balance, commissionToBalance, downlines, menu, newPin, send, unlockDownline } from './handlers/account-handlers.js';
import type { Handled, HandlerContext } from './handlers/handler-context.js';
import {
  markupAll, markupCheck, markupDelete, markupDeleteAll, markupDeleteProduct, markupGeneral, markupOne, markupWildcard,
} from './handlers/markup-handlers.js';
import { register, selfRegister } from './handlers/registration-handlers.js';
import { recap, ticket } from './handlers/report-handlers.js';
import { buy, prices, saleStatus } from './handlers/sale-handlers.js';

/** Every command kind to its handler; a kind nobody handles fails to compile. */
export function dispatch(h: HandlerContext, cmd: Command, sender: string): Handled {
  switch (cmd.kind) {
    case 'Transaksi': return buy(h, cmd);
    case 'CekSaldo': return balance(h);
    case 'CekHarga': return prices(h, cmd);
    case 'UbahMarkupProduk': return markupOne(h, cmd);
    case 'UbahMarkupProduk2': return markupAll(h, cmd);
    case 'UbahMarkupProdukSemua': return markupWildcard(h, cmd);
    case 'CekMarkupProduk': return markupCheck(h, cmd);
    case 'HapusMarkupProduk': return markupDelete(h, cmd);
    case 'HapusMarkupProduk2': return markupDeleteAll(h, cmd);
    case 'HapusMarkupProduk3': return markupDeleteProduct(h, cmd);
    case 'UbahMarkup': return markupGeneral(h, cmd);
    case 'Reg': return register(h, cmd);
    case 'Transfer': return send(h, cmd);
    case 'GantiPin': return newPin(h, cmd);
    case 'TukarKomisi': return commissionToBalance(h);
    case 'ListDownline': return downlines(h);
    case 'CekStatus': return saleStatus(h, cmd);
    case 'Tiket': return ticket(h, cmd);
    case 'Rekap': return recap(h, cmd);
    case 'Daftar': return selfRegister(h, cmd, sender);
    case 'BukaKunci': return unlockDownline(h, cmd);
    case 'Menu': return menu(h);
    default: return assertNever(cmd, 'command');
  }
}
