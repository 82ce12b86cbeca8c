import { formatAmount, parseAmount, type Minor } from '../../domain/money.js';
import type { Refusal } from '../../domain/result.js';
import type { EngineContext } from '../../engine/context.js';
import type { AgentRow } from '../../store/repos/agents-repo.js';
import type { SaleRow } from '../../store/repos/sales-repo.js';
import type { CompiledLanguage } from '../../grammar/language.js';
import type { ReplyKey } from '../../grammar/replies/reply-keys.js';
import type { ReplyValues } from '../../grammar/replies/render-reply.js';
import type { GatewaySettings } from '../../config/gateway-settings.js';

/** One reply to render. `secret` values are shown once, then redacted in the stored outbox. */
export type ReplyPlan =
  | { readonly key: ReplyKey; readonly values?: ReplyValues; readonly secret?: ReplyValues }
  /** A text already worded (a parse issue). */
  | { readonly text: string };

export interface Handled {
  readonly replies: readonly ReplyPlan[];
  /** A sale accepted by this message: handed to the supplier once the batch has committed. */
  readonly sale?: SaleRow;
}

/** What every command handler receives: engine, language in use, settings, the message's origin. */
export interface HandlerContext {
  readonly ctx: EngineContext;
  readonly lang: CompiledLanguage;
  readonly settings: GatewaySettings;
  readonly origin: {
    readonly channel: string;
    readonly to: string;
    readonly ref: string;
    /** `ref` is made of an id the channel minted just now (envelope `freshId`): no sale has it yet. */
    readonly freshRef?: boolean;
  };
  /** The sender's agent (undefined only for DAFTAR from an unknown sender). */
  readonly agent: AgentRow;
}

export const reply = (key: ReplyKey, values?: ReplyValues): Handled => ({ replies: [values ? { key, values } : { key }] });

export function money(h: Pick<HandlerContext, 'ctx' | 'lang'>, minor: Minor): string {
  return formatAmount(minor, h.ctx.settings.currency, h.lang.language);
}

/** A whole-currency amount typed in a command ("5000") as minor units; null when unusable. */
export function amountOf(h: Pick<HandlerContext, 'ctx'>, digits: string): Minor | null {
  return parseAmount(digits, h.ctx.settings.currency);
}

const FIELD: Record<string, string> = {
  product: 'kodeproduk', dest: 'tujuan', code: 'kode', sender: 'hp', next: 'counter',
};
const MONEY_FIELD: Record<string, string> = { price: 'harga', balance: 'saldo', max: 'maks', markup: 'markup', amount: 'jumlah' };

/** A refusal as its `error.<CODE>` reply, with the detail renamed to the template's fields (`extra` fills the gaps). */
export function refusal(h: Pick<HandlerContext, 'ctx' | 'lang'>, r: Refusal<string>, extra: ReplyValues = {}): Handled {
  const values: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(r.detail ?? {})) {
    if (MONEY_FIELD[k] && typeof v === 'number') values[MONEY_FIELD[k]] = money(h, v);
    else values[FIELD[k] ?? k] = v;
  }
  return reply(`error.${r.code}` as ReplyKey, { ...extra, ...values });
}
