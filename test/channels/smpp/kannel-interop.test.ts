import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../support/gateway-fixture.js';
import { tempDir } from '../../support/temp-dir.js';
import { findKannel, KANNEL_MISSING, startKannel, type Kannel } from './kannel.js';
import { settle, smppGateway, until, type SmppGateway } from './smpp-gateway.js';

/**
 * Interop with a third-party SMPP peer: Debian's Kannel binds to our server mode as an ESME.
 * A message sent through Kannel's HTTP `sendsms` reaches the gateway as a command (submit_sm);
 * our replies go back as deliver_sm and reach Kannel's `sms-service` URL, a listener here —
 * including a reply long enough to be split and one with characters outside GSM 03.38.
 * Needs `kannel` (apt-get install -y kannel); skipped with a printed reason without it.
 */
const kannelBin = findKannel();
if (!kannelBin) console.log(`kannel-interop: skipped. ${KANNEL_MISSING}`);

const CHANNEL = 'smpp-server:kannel';
const THANKS = ' Terima kasih telah memakai layanan kami, semoga hari Anda menyenangkan.';
const REPLIES = {
  'CekHarga.ok': `Harga [awalan]: [daftar].${THANKS.repeat(3)}`, // long: split into UDH parts
  'CekSaldo.ok': 'Saldo [saldo] ✓ Komisi [komisi].', // non-GSM: UCS2
};

interface Mo {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly coding: string;
}

describe.skipIf(!kannelBin)('Kannel (bearerbox + smsbox) bound to our server mode', () => {
  const dir = tempDir('pulsagate-kannel-');
  const received: Mo[] = [];
  let listener: Server;
  let gw: SmppGateway;
  let kannel: Kannel;
  const intl = (local: string) => `62${local.slice(1)}`;
  /** What the sms-service URL got for a recipient (Kannel writes TON 1 numbers with "+"). */
  const to = (local: string) => received.filter((m) => m.to.replace(/^\+/, '') === intl(local));

  beforeAll(async () => {
    listener = createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      received.push({ from: q.get('from') ?? '', to: q.get('to') ?? '', text: q.get('text') ?? '', coding: q.get('coding') ?? '' });
      res.end('');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
    const http = (listener.address() as AddressInfo).port;
    gw = await smppGateway(
      { server: { enabled: true, port: 0, accounts: [{ systemId: 'kannel', password: 'secret' }], enquireLink: '5s', responseTimeout: '5s' } },
      { raw: { replies: REPLIES } },
    );
    kannel = await startKannel(kannelBin!, {
      dir: dir.path, smscPort: gw.smpp.server!.port, systemId: 'kannel', password: 'secret', logLevel: 1, replies: false,
      getUrl: `http://127.0.0.1:${http}/mo?from=%p&to=%P&text=%a&coding=%c&charset=%C`,
    });
    await kannel.ready();
  }, 40_000);

  afterAll(async () => {
    await kannel?.stop();
    await gw?.close();
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    dir.cleanup();
  }, 20_000);

  const allSent = () => gw.outbox(CHANNEL).every((r) => r.sent_at !== null);

  it('a balance check sent through sendsms runs once; the UCS2 reply reaches the sms-service URL intact', async () => {
    const ani = DEMO.OX002;
    expect(await kannel.sendsms(ani.from, '9999', `SAL.${ani.pin}`)).toBe(202);
    await until(() => to(ani.from).length === 1 && allSent(), 'the reply at the sms-service URL', 20_000);
    const [row] = gw.outbox(CHANNEL);
    expect(row!.text).toMatch(/^Saldo 200\.000 ✓ Komisi 0\.$/);
    expect(to(ani.from)).toEqual([expect.objectContaining({ text: row!.text, from: '9999' })]);
    expect(gw.inboundCount(CHANNEL)).toBe(1);
  });

  it('a long reply is split into parts and recombined by Kannel', async () => {
    const citra = DEMO.OX003;
    expect(await kannel.sendsms(citra.from, '9999', `H.S.${citra.pin}`)).toBe(202);
    await until(() => to(citra.from).length === 1 && allSent(), 'the long reply', 20_000);
    const row = gw.outbox(CHANNEL).find((r) => r.recipient === intl(citra.from))!;
    expect(row.text.length).toBeGreaterThan(160);
    expect(to(citra.from).map((m) => m.text)).toEqual([row.text]);
  });

  it('a sale (UCS2 from sendsms, coding=2) is charged once and both its replies arrive once', async () => {
    const dedi = DEMO.OX004;
    expect(await kannel.sendsms(dedi.from, '9999', `S10.081234567890.${dedi.pin}`, { coding: '2', charset: 'UTF-8' })).toBe(202);
    await until(() => to(dedi.from).length === 2 && allSent() && gw.sales().every((s) => s.status === 'success'), 'both replies', 20_000);
    await settle(500);
    expect(gw.sales()).toHaveLength(1);
    expect(gw.balance('OX004')).toBe(200_000 - gw.sales()[0]!.price);
    const rows = gw.outbox(CHANNEL).filter((r) => r.recipient === intl(dedi.from));
    expect(to(dedi.from).map((m) => m.text).sort()).toEqual(rows.map((r) => r.text).sort());
    expect(gw.inboundCount(CHANNEL)).toBe(3);
  });
});
