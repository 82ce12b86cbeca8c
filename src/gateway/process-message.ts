import type { Command } from '../domain/commands.js';
import type { EngineContext } from '../engine/context.js';
import { authenticate } from '../engine/pins.js';
import { normalizeSender } from '../engine/senders.js';
import type { LanguageHolder } from '../grammar/language-holder.js';
import type { CompiledLanguage } from '../grammar/language.js';
import type { ParseResult } from '../grammar/issues.js';
import { agentsRepo } from '../store/repos/agents-repo.js';
import { journalRepo, type InboundRow } from '../store/repos/journal-repo.js';
import { outboxRepo, type OutboxRow } from '../store/repos/outbox-repo.js';
import { salesRepo, type SaleRow } from '../store/repos/sales-repo.js';
import { dispatch } from './dispatch.js';
import type { InboundMessage } from './envelope.js';
import type { GatewaySettings } from '../config/gateway-settings.js';
import { refusal, reply, type Handled, type HandlerContext, type ReplyPlan } from './handlers/handler-context.js';
import { selfRegister } from './handlers/registration-handlers.js';
import { resellerGate } from './handlers/reseller-gate.js';
import { maskPins } from './mask-pins.js';
import type { RateLimiter } from './rate-limiter.js';

export interface PipelineDeps {
  readonly ctx: EngineContext;
  readonly language: LanguageHolder;
  readonly settings: GatewaySettings;
  readonly limiter: RateLimiter;
}

export interface Processed {
  readonly inboundId: number;
  readonly replies: readonly OutboxRow[];
  /** The message had been handled before: these are its stored replies, nothing ran again. */
  readonly duplicate: boolean;
  readonly sale?: SaleRow | undefined;
  /** The agent's code and stored PIN hash, when the message's PIN was not found to match it beforehand. */
  readonly pinOf?: PinOf | undefined;
}

/** What checking an agent's PIN needs (pin-hasher.ts `verify`). */
export interface PinOf {
  readonly code: string;
  readonly hash: string;
}

const NONE: Handled = { replies: [] };

/**
 * One message, start to end, inside the caller's transaction (a savepoint of a group commit):
 * de-duplicate → parse → identify → rate limit → PIN → dispatch → journal → render → outbox. The
 * journal row, the effect and the replies commit together or not at all, before the channel is
 * acknowledged.
 */
export function processMessage(deps: PipelineDeps, msg: InboundMessage): Processed {
  const sql = deps.ctx.sql;
  const prior = msg.freshId ? undefined : journalRepo.find(sql, msg.channel, msg.sender, msg.messageId);
  if (prior) return replay(sql, prior, msg);
  const lang = deps.language.current;
  // A command parsed by the same build of the formats, and the PIN check made with it, are taken.
  const pre = msg.preparsed?.stamp === lang.stamp ? msg.preparsed : undefined;
  const parsed: ParseResult = pre ? { ok: true, command: pre.command } : lang.parse(msg.text);
  const command = parsed.ok ? parsed.command : undefined;
  const chat = msg.chat ?? msg.sender;
  // The journal row is written in the same savepoint as the effect, so they commit together: no
  // effect without its message, and a message that is journaled has had its effect.
  const { handled, agentId, pinOf } = decide(deps, lang, msg, parsed, pre);
  const inboundId = journalRepo.insert(
    sql,
    {
      channel: msg.channel, messageId: msg.messageId, sender: msg.sender, chat, text: maskPins(msg.text, command),
      at: msg.receivedAt, contentKey: msg.contentKey,
    },
    { agent: agentId, command: command?.kind ?? null, outcome: outcomeOf(handled, parsed) },
  );
  const now = deps.ctx.clock.now();
  const replies = handled.replies.map((plan) =>
    outboxRepo.insert(sql, { channel: msg.channel, recipient: chat, ...renderPlan(lang, plan), inboundId }, now),
  );
  return { inboundId, replies, duplicate: false, sale: handled.sale, pinOf };
}

/**
 * The idempotency reference of a sale made by this message: its journal key, message id before
 * sender, so that minted ids (in time order) add to the right edge of the unique index. JSON
 * keeps it unambiguous whatever characters a channel's ids and senders hold.
 */
const saleRef = (msg: Pick<InboundMessage, 'channel' | 'messageId' | 'sender'>) => JSON.stringify([msg.channel, msg.messageId, msg.sender]);

/** Where a message came from, for its handler; the sale reference is made only if a sale asks. */
class MessageOrigin {
  readonly channel: string;
  readonly to: string;
  readonly freshRef: boolean;
  // The message's key only, not its text (which holds the PIN).
  readonly #messageId: string;
  readonly #sender: string;
  constructor(msg: InboundMessage) {
    this.channel = msg.channel;
    this.to = msg.chat ?? msg.sender;
    this.freshRef = msg.freshId === true;
    this.#messageId = msg.messageId;
    this.#sender = msg.sender;
  }

  get ref(): string {
    return saleRef({ channel: this.channel, messageId: this.#messageId, sender: this.#sender });
  }
}

/** A redelivered message: its stored replies, and the sale it made (whose result may be waited for). */
export function replay(sql: PipelineDeps['ctx']['sql'], prior: InboundRow, msg: Pick<InboundMessage, 'channel' | 'messageId' | 'sender'>): Processed {
  const sale = salesRepo.byRef(sql, saleRef(msg)) ?? legacySale(sql, prior, msg);
  return { inboundId: prior.id, replies: outboxRepo.ofInbound(sql, prior.id), duplicate: true, sale };
}

/**
 * The sale of a purchase journaled before migration 0007, under its former ref. That ref is
 * ambiguous (a sender or an id may hold ':'), so it counts only as the same agent's sale.
 */
function legacySale(sql: PipelineDeps['ctx']['sql'], prior: InboundRow, msg: Pick<InboundMessage, 'channel' | 'messageId' | 'sender'>): SaleRow | undefined {
  if (prior.command !== 'Transaksi' || prior.agent_id === null) return undefined;
  const sale = salesRepo.byRef(sql, `${msg.channel}:${msg.sender}:${msg.messageId}`);
  return sale?.agent_id === prior.agent_id ? sale : undefined;
}

function decide(
  deps: PipelineDeps, lang: CompiledLanguage, msg: InboundMessage, parsed: ParseResult, pre: InboundMessage['preparsed'],
): { handled: Handled; agentId: number | null; pinOf?: PinOf | undefined } {
  const address = normalizeSender(msg.sender) ?? msg.sender;
  const origin = new MessageOrigin(msg);
  const base = { ctx: deps.ctx, lang, settings: deps.settings, origin };
  const rate = deps.limiter.check(address, deps.ctx.clock.now());
  if (rate !== 'ok') return { handled: rate === 'limited' ? reply('error.RATE.LIMITED') : NONE, agentId: null };
  const agent = agentsRepo.bySender(deps.ctx.sql, address);
  if (!agent) {
    if (parsed.ok && parsed.command.kind === 'Daftar') return { handled: selfRegister(base, parsed.command, address), agentId: null };
    return { handled: deps.settings.replyToUnknownSenders ? reply('error.AUTH.DENIED') : NONE, agentId: null };
  }
  if (!parsed.ok) return { handled: { replies: [{ text: parsed.issue.message }] }, agentId: agent.id };
  const h: HandlerContext = { ctx: deps.ctx, lang, settings: deps.settings, origin, agent };
  const handled = authorised(h, parsed.command, address, pre?.pinHash);
  // The PIN was checked here: the channels' thread, which parsed the command, is told the hash to
  // check that sender's next PIN with.
  const told = pre !== undefined && 'pin' in parsed.command && pre.pinHash !== agent.pin_hash;
  return { handled, agentId: agent.id, pinOf: told ? { code: agent.code, hash: agent.pin_hash } : undefined };
}

function authorised(h: HandlerContext, cmd: Command, address: string, pinMatched: string | undefined): Handled {
  if (cmd.kind === 'Daftar') return refusal(h, { ok: false, code: 'AUTH.DENIED' });
  if ('pin' in cmd) {
    const auth = authenticate(h.ctx, h.agent, cmd.pin, pinMatched);
    if (!auth.ok) return refusal(h, auth);
    if (h.agent.pin_must_change && cmd.kind !== 'GantiPin') {
      return reply('error.PIN.MUST_CHANGE', { contoh: h.lang.exampleWith('GantiPin', { newpin: 'PINBARU', pin: 'PIN' }) });
    }
  }
  return resellerGate(h, cmd) ?? dispatch(h, cmd, address);
}

/** The stored text, and when the reply carries a secret, the redacted text that replaces it once sent. */
function renderPlan(lang: CompiledLanguage, plan: ReplyPlan): { text: string; redacted: string | null } {
  if ('text' in plan) return { text: plan.text, redacted: null };
  if (!plan.secret) return { text: lang.render(plan.key, plan.values), redacted: null }; // (render only reads them)
  const text = lang.render(plan.key, { ...plan.values, ...plan.secret });
  const hidden = Object.fromEntries(Object.keys(plan.secret).map((k) => [k, '****']));
  return { text, redacted: lang.render(plan.key, { ...plan.values, ...hidden }) };
}

function outcomeOf(handled: Handled, parsed: ParseResult): string {
  if (!parsed.ok) return `parse.${parsed.issue.code}`;
  const first = handled.replies[0];
  return first === undefined ? 'silent' : 'key' in first ? first.key : 'text';
}
