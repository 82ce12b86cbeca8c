import { afterEach, describe, expect, it } from 'vitest';
import { smsPartsRepo } from '../../../src/store/repos/sms-parts-repo.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { fakeSmsc, type FakeSmsc, type SmscBehaviour } from './fake-smsc.js';
import { clientConfig, settle, smppGateway, until, type SmppGateway } from './smpp-gateway.js';

const CHANNEL = 'smpp:test';
const intl = (local: string) => `62${local.slice(1)}`;

let smsc: FakeSmsc | undefined;
let gw: SmppGateway | undefined;
afterEach(async () => {
  await gw?.close();
  await smsc?.close();
  gw = smsc = undefined;
});

/** The traffic of every scenario: balance checks, price lists and sales from three agents. */
const TRAFFIC: Array<[string, string]> = [
  [DEMO.OX002.from, `SAL.${DEMO.OX002.pin}`],
  [DEMO.OX002.from, `S10.081234567890.${DEMO.OX002.pin}`],
  [DEMO.OX003.from, `H.S.${DEMO.OX003.pin}`],
  [DEMO.OX004.from, `SAL.${DEMO.OX004.pin}`],
  [DEMO.OX002.from, `S10.081234567891.${DEMO.OX002.pin}`],
  [DEMO.OX003.from, `SAL.${DEMO.OX003.pin}`],
  [DEMO.OX004.from, `H.X.${DEMO.OX004.pin}`],
  [DEMO.OX002.from, `S10.081234567892.${DEMO.OX002.pin}`],
];
const SALES = TRAFFIC.filter(([, t]) => t.startsWith('S10')).length;

async function run(behaviour: SmscBehaviour, extra: Record<string, unknown> = {}): Promise<{ smsc: FakeSmsc; gw: SmppGateway }> {
  smsc = await fakeSmsc(behaviour);
  const start = 200_000;
  gw = await smppGateway(clientConfig(smsc.port, extra));
  expect(gw.balance('OX002')).toBe(start);
  for (const [from, text] of TRAFFIC) smsc.mo(from, text);
  return { smsc, gw };
}

/**
 * Every inbound command ran exactly once and every reply was delivered exactly once: the journal
 * holds each message once, each sale was charged once, and the submits the SMSC accepted are the
 * outbox rows, one for one, all marked sent.
 */
async function expectExactlyOnce(s: FakeSmsc, g: SmppGateway, messages = TRAFFIC.length, sales = SALES): Promise<void> {
  const expectedReplies = messages + sales; // a sale answers "processing" now and its result later
  await until(
    () => s.unacked === 0 && g.outbox(CHANNEL).length === expectedReplies && g.outbox(CHANNEL).every((r) => r.sent_at !== null)
      && g.sales().every((x) => x.status !== 'pending'),
    'every message acknowledged and every reply sent',
  );
  await settle(); // anything sent twice would arrive now
  expect(g.inboundCount(CHANNEL)).toBe(messages);
  const rows = g.outbox(CHANNEL);
  expect(rows).toHaveLength(expectedReplies);
  const sent = s.replies().map((r) => `${r.to} ${r.text}`).sort();
  expect(sent).toEqual(rows.map((r) => `${r.recipient} ${r.text}`).sort());
  expect(g.sales()).toHaveLength(sales);
  expect(g.sales().every((x) => x.status === 'success')).toBe(true);
  expect(g.balance('OX002')).toBe(200_000 - g.sales().reduce((n, x) => n + x.price, 0)); // every sale is OX002's
}

describe('SMPP client against a well-behaved SMSC', () => {
  it('binds, runs each deliver_sm once, submits each reply once with GSM data_coding and TON 1', async () => {
    const { smsc: s, gw: g } = await run({});
    await expectExactlyOnce(s, g);
    expect(s.binds).toBe(1);
    expect(s.accepted.every((a) => a.dataCoding === 0 && a.toTon === 1)).toBe(true);
    expect(s.accepted.map((a) => a.to)).toContain(intl(DEMO.OX002.from));
  });

  it('records delivery receipts against the reply they belong to', async () => {
    const { smsc: s, gw: g } = await run({ receipts: true });
    await expectExactlyOnce(s, g);
    await until(() => g.outbox(CHANNEL).every((r) => smsPartsRepo.receiptsOf(g.core.store.sql, r.id)[0]?.state === 'DELIVRD'), 'receipts');
    const first = g.outbox(CHANNEL)[0]!;
    const receipts = smsPartsRepo.receiptsOf(g.core.store.sql, first.id);
    expect(receipts).toEqual([expect.objectContaining({ seq: 1, total: 1, state: 'DELIVRD', error: null })]);
    expect(s.accepted.map((a) => a.messageId)).toContain(receipts[0]!.messageId);
  });
});

describe('SMPP client against misbehaving SMSCs: every command once, every reply once', () => {
  it('an SMSC that drops the link mid-stream (on a submit, and losing a deliver_sm_resp)', async () => {
    const { smsc: s, gw: g } = await run({ dropOnSubmit: [2, 5], dropOnDeliverResp: [3, 6] });
    await expectExactlyOnce(s, g);
    expect(s.binds).toBeGreaterThanOrEqual(3);
    expect(s.delivers).toBeGreaterThan(TRAFFIC.length); // lost acknowledgements were redelivered
  });

  it('an SMSC that never answers some submit_sm', async () => {
    const { smsc: s, gw: g } = await run({ ignoreSubmits: [1, 3, 4] });
    await expectExactlyOnce(s, g);
    expect(s.submitsSeen).toBe(s.accepted.length + 3);
  });

  it('an SMSC that goes silent (not even enquire_link) is torn down and rebound', async () => {
    const { smsc: s, gw: g } = await run({ silentOnBind: [1] });
    await expectExactlyOnce(s, g);
    expect(s.binds).toBe(2);
    expect(g.logs.join('\n')).toMatch(/enquire_link unanswered/);
  });

  it('an SMSC that throttles (ESME_RTHROTTLED, ESME_RMSGQFUL)', async () => {
    const { smsc: s, gw: g } = await run({ throttleSubmits: [1, 2, 3, 6], queueFullSubmits: [7] });
    await expectExactlyOnce(s, g);
    expect(s.submitsSeen).toBe(s.accepted.length + 5);
    expect(s.binds).toBe(1);
  });

  it.each(['short', 'oversize'] as const)('an SMSC that sends a malformed PDU (%s) gets a new session', async (kind) => {
    const { smsc: s, gw: g } = await run({ malformedOnBind: [1, 2], malformedKind: kind });
    await expectExactlyOnce(s, g);
    expect(s.binds).toBe(3);
    // reset by the parse error itself, not later by the enquire_link supervision
    expect(g.logs.filter((l) => l.includes('link down (error:'))).toHaveLength(2);
  });

  it('a bind refused for its password is retried slowly and never delivers', async () => {
    smsc = await fakeSmsc({ password: 'other' });
    gw = await smppGateway(clientConfig(smsc.port, { reconnect: { min: '50ms', max: '400ms' } }));
    await settle(1_000);
    expect(smsc.binds).toBeGreaterThanOrEqual(1);
    expect(smsc.binds).toBeLessThanOrEqual(4);
    expect(smsc.bindStatuses.every((x) => x === 0x0e)).toBe(true);
    expect(gw.logs.join('\n')).toMatch(/bind refused \(ESME_RINVPASWD\)/);
  });
});
