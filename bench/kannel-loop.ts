/**
 * Kannel's own forward-only loop, for comparison with ours (issue 5): a node SMSC (the `smpp`
 * package's server) pushes MO deliver_sm to bearerbox with a window; smsbox calls an HTTP app
 * that answers at once; Kannel sends the answer back as submit_sm. A run's rate is messages /
 * seconds from the first MO to the last MT. Kannel logs at info, its production level.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { startKannel, type KannelBinaries } from '../test/channels/smpp/kannel.js';

const WINDOW = 500;

export async function kannelLoop(bin: KannelBinaries, dir: string, o: { messages: number; rounds: number }): Promise<number[]> {
  mkdirSync(dir, { recursive: true });
  let session: smpp.Session | undefined;
  let mts = 0;
  let onMt: () => void = () => {};
  let nextId = 1;
  const smsc = smpp.createServer((s) => {
    s.on('error', () => s.destroy());
    s.on('bind_transceiver', (pdu: smpp.PDU) => {
      const ok = pdu['system_id'] === 'kannel' && pdu['password'] === 'secret';
      s.send(pdu.response({ command_status: ok ? 0 : 0x0e, system_id: 'NODESMSC' }));
      if (ok) session = s;
    });
    s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: smpp.PDU) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('submit_sm', (pdu: smpp.PDU) => {
      s.send(pdu.response({ message_id: String(nextId++) }));
      mts++;
      onMt();
    });
  });
  await new Promise<void>((resolve) => smsc.listen(0, '127.0.0.1', () => resolve()));
  const app = createServer((req, res) => {
    const text = new URL(req.url ?? '/', 'http://x').searchParams.get('text') ?? '';
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK ${text}`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', () => resolve()));
  const kannel = await startKannel(bin, {
    dir, smscPort: (smsc.address() as AddressInfo).port, systemId: 'kannel', password: 'secret', logLevel: 1, replies: true,
    getUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/mo?from=%p&to=%P&text=%a`,
  });
  try {
    await kannel.ready(30_000);
    const run = (n: number, tag: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const s = session;
        if (!s) return reject(new Error('Kannel is not bound'));
        const start = mts;
        let sent = 0;
        let outstanding = 0;
        const t0 = performance.now();
        const timeout = setTimeout(() => reject(new Error(`Kannel loop: ${mts - start} of ${n} MT after 120 s`)), 120_000);
        onMt = () => {
          if (mts - start < n) return;
          clearTimeout(timeout);
          resolve(n / ((performance.now() - t0) / 1000));
        };
        const pump = () => {
          while (outstanding < WINDOW && sent < n) {
            const i = sent++;
            outstanding++;
            s.send(new smpp.PDU('deliver_sm', {
              source_addr: `6281${String(i).padStart(9, '0')}`, source_addr_ton: 1, source_addr_npi: 1, destination_addr: '9999',
              data_coding: 0, short_message: Buffer.from(`${tag} ${i}`),
            }), () => {
              outstanding--;
              pump();
            });
          }
        };
        pump();
      });
    await run(500, 'WARM');
    const rates: number[] = [];
    for (let r = 0; r < o.rounds; r++) rates.push(await run(o.messages, `R${r}`));
    return rates;
  } finally {
    await kannel.stop();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    for (const s of smsc.sessions) s.destroy();
    await new Promise<void>((resolve) => smsc.close(() => resolve()));
  }
}
