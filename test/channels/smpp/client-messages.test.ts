import { afterEach, describe, expect, it } from 'vitest';
import { encodeUcs2 } from '../../../src/channels/smpp/codec.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { fakeSmsc, type FakeSmsc } from './fake-smsc.js';
import { clientConfig, settle, smppGateway, until, type SmppGateway } from './smpp-gateway.js';

const CHANNEL = 'smpp:test';
const ANI = DEMO.OX002;
const ANI_INTL = `62${ANI.from.slice(1)}`;
const THANKS = ' Terima kasih telah memakai layanan kami, semoga hari Anda menyenangkan.';
/** Reply texts that need splitting and UCS2. */
const REPLIES = {
  'CekSaldo.ok': `Saldo [saldo].${THANKS.repeat(3)}`, // ~230 GSM characters: 2 parts
  'CekHarga.ok': `Harga [awalan] ✓ [daftar].${THANKS}`, // one non-GSM character: UCS2, 2 parts of 67
};

let smsc: FakeSmsc | undefined;
let gw: SmppGateway | undefined;
afterEach(async () => {
  await gw?.close();
  await smsc?.close();
  gw = smsc = undefined;
});

async function start(behaviour: Parameters<typeof fakeSmsc>[0] = {}, extra: Record<string, unknown> = {}) {
  smsc = await fakeSmsc(behaviour);
  gw = await smppGateway(clientConfig(smsc.port, extra), { raw: { replies: REPLIES } });
  return { s: smsc, g: gw };
}

const allSent = (g: SmppGateway, n: number) => () => g.outbox(CHANNEL).length === n && g.outbox(CHANNEL).every((r) => r.sent_at !== null);

describe('SMPP client: long and non-GSM replies', () => {
  it('a long GSM reply goes as 153-septet parts with one UDH reference, and joins up', async () => {
    const { s, g } = await start();
    s.mo(ANI.from, `SAL.${ANI.pin}`);
    await until(allSent(g, 1), 'the reply sent');
    const [row] = g.outbox(CHANNEL);
    expect(row!.text.length).toBeGreaterThan(160);
    expect(s.accepted.map((a) => [a.dataCoding, a.concat?.total, a.concat?.seq])).toEqual([[0, 2, 1], [0, 2, 2]]);
    expect(s.accepted[0]!.text).toHaveLength(153);
    expect(new Set(s.accepted.map((a) => a.concat!.ref)).size).toBe(1);
    expect(s.replies()).toEqual([{ to: ANI_INTL, text: row!.text }]);
  });

  it('a reply with a character outside GSM 03.38 goes as UCS2 (data_coding 8), 67 units per part', async () => {
    const { s, g } = await start();
    s.mo(ANI.from, `H.S.${ANI.pin}`);
    await until(allSent(g, 1), 'the reply sent');
    const [row] = g.outbox(CHANNEL);
    expect(row!.text).toContain('✓');
    expect(s.accepted.every((a) => a.dataCoding === 8)).toBe(true);
    expect(s.accepted[0]!.text).toHaveLength(67);
    expect(s.replies()).toEqual([{ to: ANI_INTL, text: row!.text }]);
  });

  it('a split reply whose second part is throttled sends only that part again, under the same reference', async () => {
    const { s, g } = await start({ throttleSubmits: [2] });
    s.mo(ANI.from, `SAL.${ANI.pin}`);
    await until(allSent(g, 1), 'the reply sent');
    await settle();
    expect(s.submitsSeen).toBe(3);
    expect(s.accepted.map((a) => a.concat?.seq).sort()).toEqual([1, 2]);
    expect(s.replies()).toEqual([{ to: ANI_INTL, text: g.outbox(CHANNEL)[0]!.text }]);
  });
});

describe('SMPP client: inbound messages', () => {
  const long = `${' '.repeat(200)}SAL.${ANI.pin}`; // two parts; either part alone is no balance check

  it.each(['udh', 'sar'] as const)('a long message in parts (%s) is reassembled and runs once', async (parts) => {
    const { s, g } = await start();
    s.mo(ANI.from, long, { parts });
    await until(() => s.unacked === 0 && allSent(g, 1)(), 'the message acknowledged and answered');
    expect(g.inboundCount(CHANNEL)).toBe(1);
    expect(g.outbox(CHANNEL)[0]!.text).toMatch(/^Saldo 200\.000\./);
  });

  it('the parts of a long message are acknowledged only once it is journaled', async () => {
    const { s, g } = await start({}, { reassemblyTimeout: '500ms' });
    const gsm = Buffer.from(' '.repeat(153));
    // only the first of two parts arrives: it stays unacknowledged until the timeout handles it
    s.mo(ANI.from, '', { body: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, 1]), gsm]), esmClass: 0x40 });
    await settle(200);
    expect(s.unacked).toBe(1);
    expect(g.inboundCount(CHANNEL)).toBe(0);
    await until(() => s.unacked === 0, 'the lone part handled after the timeout');
    expect(g.inboundCount(CHANNEL)).toBe(1);
    expect(g.logs.join('\n')).toMatch(/parts of a long message from 6281200000002 missing/);
  });

  it('UCS2 (data_coding 8) and a national sender (TON 2, 08…) are read; the reply goes to 62… with TON 1', async () => {
    const { s, g } = await start();
    s.mo(ANI.from, '', { body: encodeUcs2(`SAL.${ANI.pin}`), dataCoding: 8, ton: 2 });
    await until(allSent(g, 1), 'the reply sent');
    expect(g.outbox(CHANNEL)[0]!.recipient).toBe(ANI_INTL);
    expect(s.accepted[0]).toMatchObject({ to: ANI_INTL, toTon: 1 });
  });
});

describe('SMPP client: binds and config', () => {
  it('transmitter+receiver: two binds, messages in on one, replies out on the other', async () => {
    const { s, g } = await start({}, { mode: 'transmitter+receiver' });
    s.mo(DEMO.OX003.from, `H.X.${DEMO.OX003.pin}`);
    await until(allSent(g, 1), 'the reply sent');
    expect(s.binds).toBe(2);
    expect(s.replies()).toEqual([{ to: `62${DEMO.OX003.from.slice(1)}`, text: g.outbox(CHANNEL)[0]!.text }]);
  });

  it('passwordEnv is read from the environment; a bind whose variable is unset does not start', async () => {
    smsc = await fakeSmsc();
    const base = clientConfig(smsc.port).client[0]!;
    const { password: _, ...noPassword } = base;
    gw = await smppGateway(
      { client: [{ ...noPassword, passwordEnv: 'SMSC_PW' }, { ...noPassword, name: 'other', passwordEnv: 'UNSET_PW' }] },
      { env: { SMSC_PW: 'secret' } },
    );
    await until(() => smsc!.binds === 1, 'the bind');
    expect(smsc.bindStatuses).toEqual([0]);
    expect(gw.logs).toContain('SMPP client other not started: UNSET_PW is not set');
  });
});
