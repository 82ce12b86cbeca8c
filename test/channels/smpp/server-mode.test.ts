import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../support/gateway-fixture.js';
import { FAST, settle, smppGateway, until, type SmppGateway } from './smpp-gateway.js';
import { testEsme, type TestEsme } from './test-esme.js';

const CHANNEL = 'smpp-server:partner1';
const ANI = DEMO.OX002;
const ANI_INTL = `62${ANI.from.slice(1)}`;

let gw: SmppGateway | undefined;
const clients: TestEsme[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await gw?.close();
  gw = undefined;
});

async function server(extra: Record<string, unknown> = {}, raw: Record<string, unknown> = {}) {
  gw = await smppGateway(
    { server: { enabled: true, port: 0, accounts: [{ systemId: 'partner1', password: 'secret' }, { systemId: 'partner2', passwordEnv: 'P2' }], ...FAST, ...extra } },
    { env: { P2: 'envsecret' }, raw },
  );
  const port = gw.smpp.server!.port;
  const connect = async () => {
    const c = await testEsme(port);
    clients.push(c);
    return c;
  };
  return { g: gw, connect };
}

const allSent = (g: SmppGateway, n: number, channel = CHANNEL) => () =>
  g.outbox(channel).length === n && g.outbox(channel).every((r) => r.sent_at !== null);

describe('SMPP server mode: binds', () => {
  it('refuses a wrong password (ESME_RINVPASWD) and an unknown system_id (ESME_RINVSYSID), and closes the connection', async () => {
    const { connect } = await server();
    const wrong = await connect();
    expect(await wrong.bind('transceiver', 'partner1', 'guess')).toBe(0x0e);
    await wrong.closed;
    const unknown = await connect();
    expect(await unknown.bind('transceiver', 'nobody', 'secret')).toBe(0x0f);
    await unknown.closed;
    expect(gw!.logs.join('\n')).toMatch(/bind as "nobody" refused/);
  });

  it('accepts an account whose password comes from passwordEnv', async () => {
    const { connect } = await server();
    expect(await (await connect()).bind('transceiver', 'partner2', 'envsecret')).toBe(0);
  });

  it('answers submit_sm before a bind, or on a receiver bind, with ESME_RINVBNDSTS; a second bind with ESME_RALYBND', async () => {
    const { g, connect } = await server();
    const c = await connect();
    expect((await c.submit(ANI.from, `SAL.${ANI.pin}`)).command_status).toBe(0x04);
    expect(await c.bind('receiver', 'partner1', 'secret')).toBe(0);
    expect((await c.submit(ANI.from, `SAL.${ANI.pin}`)).command_status).toBe(0x04);
    expect(await c.bind('transceiver', 'partner1', 'secret')).toBe(0x05);
    expect(g.inboundCount(CHANNEL)).toBe(0);
  });

  it('answers enquire_link, and unbind with unbind_resp before closing', async () => {
    const { connect } = await server();
    const c = await connect();
    expect(await c.bind('transceiver', 'partner1', 'secret')).toBe(0);
    expect((await c.request('enquire_link')).command).toBe('enquire_link_resp');
    expect((await c.request('unbind')).command).toBe('unbind_resp');
    await c.closed;
  });

  it('answers a command it does not serve with ESME_RINVCMDID, and one it does not know with generic_nack', async () => {
    const { connect } = await server();
    const c = await connect();
    expect(await c.bind('transceiver', 'partner1', 'secret')).toBe(0);
    const query = await c.request('query_sm', { message_id: '1', source_addr: '9999' });
    expect([query.command, query.command_status]).toEqual(['query_sm_resp', 0x03]);
    const nack = new Promise<{ command: string; status: number; seq: number }>((resolve) =>
      c.session.on('pdu', (p: { command: string; command_status: number; sequence_number: number }) => {
        if (p.command === 'generic_nack') resolve({ command: p.command, status: p.command_status, seq: p.sequence_number });
      }),
    );
    c.session.socket.write(Buffer.from([0, 0, 0, 16, 0, 0, 0, 0x99, 0, 0, 0, 0, 0, 0, 0x12, 0x34]));
    expect(await nack).toEqual({ command: 'generic_nack', status: 0x03, seq: 0x1234 });
  });

  it('resets a session that sends a malformed PDU, and stays up for the next one', async () => {
    const { connect } = await server();
    const bad = await connect();
    expect(await bad.bind('transceiver', 'partner1', 'secret')).toBe(0);
    bad.session.socket.write(Buffer.from([0, 0, 0, 8, 0, 0, 0, 4]));
    await bad.closed;
    const good = await connect();
    expect(await good.bind('transceiver', 'partner1', 'secret')).toBe(0);
    expect((await good.submit(ANI.from, `SAL.${ANI.pin}`)).command_status).toBe(0);
  });

  it('closes a connection that never binds', async () => {
    const { connect } = await server();
    const c = await connect();
    await c.closed; // within the response timeout (300 ms here)
  });
});

describe('SMPP server mode: commands in, replies out', () => {
  it('a submit_sm is a command from its source_addr, answered with our message id once journaled; the reply comes back as deliver_sm', async () => {
    const { g, connect } = await server();
    const c = await connect();
    expect(await c.bind('transceiver', 'partner1', 'secret')).toBe(0);
    const resp = await c.submit(ANI.from, `SAL.${ANI.pin}`);
    expect(resp.command_status).toBe(0);
    expect(resp['message_id']).toMatch(/^\d+$/);
    expect(g.inboundCount(CHANNEL)).toBe(1); // journaled before the answer
    await until(allSent(g, 1), 'the reply acknowledged');
    expect(c.delivered).toEqual([expect.objectContaining({ from: '9999', to: ANI_INTL, toTon: 1, dataCoding: 0 })]);
    expect(c.delivered[0]!.text).toBe(g.outbox(CHANNEL)[0]!.text);
    expect(c.delivered[0]!.text).toMatch(/^Saldo 200\.000/);
  });

  it('a sale runs once: its two replies arrive once each, the balance moves once, even when the client repeats the submit', async () => {
    const { g, connect } = await server();
    const c = await connect();
    await c.bind('transceiver', 'partner1', 'secret');
    const sale = `S10.081234567890.${ANI.pin}`;
    const first = await c.submit(ANI.from, sale);
    // the client lost our answer and repeats it on a new session
    c.close();
    const again = await connect();
    await again.bind('transceiver', 'partner1', 'secret');
    const second = await again.submit(ANI.from, sale);
    expect(second['message_id']).toBe(first['message_id']);
    await until(() => g.sales().length === 1 && g.sales()[0]!.status === 'success' && allSent(g, 2)(), 'the sale and both replies');
    await settle();
    expect(g.inboundCount(CHANNEL)).toBe(1);
    const texts = [...c.replies(), ...again.replies()].map((r) => r.text).sort();
    expect(texts).toEqual(g.outbox(CHANNEL).map((r) => r.text).sort());
    expect(g.balance('OX002')).toBe(200_000 - g.sales()[0]!.price);
  });

  it('replies go over a receiver bind when the client binds transmitter + receiver; long replies come as UDH parts', async () => {
    const { g, connect } = await server({}, { replies: { 'CekSaldo.ok': `Saldo [saldo].${' Terima kasih.'.repeat(15)}` } });
    const tx = await connect();
    const rx = await connect();
    expect(await tx.bind('transmitter', 'partner1', 'secret')).toBe(0);
    expect(await rx.bind('receiver', 'partner1', 'secret')).toBe(0);
    await tx.submit(ANI.from, `SAL.${ANI.pin}`);
    await until(allSent(g, 1), 'the reply');
    expect(tx.delivered).toEqual([]);
    expect(rx.delivered.map((d) => d.concat?.total)).toEqual([2, 2]);
    expect(rx.replies()).toEqual([{ to: ANI_INTL, text: g.outbox(CHANNEL)[0]!.text }]);
  });

  it('a reply the client does not acknowledge is sent again later, and counted once when it is', async () => {
    const { g, connect } = await server();
    const c = await connect();
    await c.bind('transceiver', 'partner1', 'secret');
    c.answer = false;
    await c.submit(ANI.from, `SAL.${ANI.pin}`);
    await settle(500); // past the 300 ms response timeout
    expect(g.outbox(CHANNEL)[0]!.sent_at).toBeNull();
    c.answer = true;
    await until(allSent(g, 1), 'the reply acknowledged on a retry');
    await settle();
    expect(c.delivered).toHaveLength(1);
  });
});
