/**
 * Kannel's own forward-only loop, for comparison with ours (issue 5): an SMSC on 127.0.0.1
 * pushes MO deliver_sm to bearerbox with a window; smsbox calls an HTTP app that answers at once;
 * Kannel sends the answer back as submit_sm. A round's rate is messages / seconds from the first
 * MO to the last MT; the loop stays up between rounds, so they can alternate with ours. Kannel logs at info, its production level. The SMSC speaks through the same
 * lean codec as our load client (lean-smpp.ts): both loops pay the same for their load side.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { startKannel, type KannelBinaries } from '../test/channels/smpp/kannel.js';
import { CMD, cstring, encode, encodeSm, Framer, Writer, type RawPdu } from './lean-smpp.js';

const WINDOW = 500;

/** Kannel started with its SMSC and HTTP app: `run(n, tag)` times one round of n messages. */
export interface KannelLoop {
  run(n: number, tag: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts Kannel, its SMSC and its HTTP app, and warms the loop up with 500 messages. */
export async function startKannelLoop(bin: KannelBinaries, dir: string): Promise<KannelLoop> {
  mkdirSync(dir, { recursive: true });
  let bound: Writer | undefined;
  let mts = 0;
  let onMt: () => void = () => {};
  let onMoResp: () => void = () => {};
  let nextId = 1;
  const sockets = new Set<Socket>();
  const smsc = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    const out = new Writer(socket);
    const framer = new Framer();
    const onPdu = (p: RawPdu) => {
      switch (p.id) {
        case CMD.bind_transceiver: {
          const [systemId, at] = cstring(p.body, 0);
          const [password] = cstring(p.body, at);
          const ok = systemId === 'kannel' && password === 'secret';
          out.write(encode(CMD.bind_transceiver_resp, ok ? 0 : 0x0e, p.seq, ['NODESMSC']));
          if (ok) bound = out;
          return;
        }
        case CMD.enquire_link:
          return out.write(encode(CMD.enquire_link_resp, 0, p.seq, []));
        case CMD.unbind:
          out.write(encode(CMD.unbind_resp, 0, p.seq, []));
          return void setImmediate(() => socket.end());
        case CMD.submit_sm:
          out.write(encode(CMD.submit_sm_resp, 0, p.seq, [String(nextId++)]));
          mts++;
          return onMt();
        case CMD.deliver_sm_resp:
        case CMD.generic_nack:
          return onMoResp();
        default:
          if (!(p.id & 0x80000000)) out.write(encode(CMD.generic_nack, 3, p.seq, []));
      }
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        framer.push(chunk, onPdu);
      } catch {
        socket.destroy();
      }
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
  let seq = 0;
  const stop = async () => {
    await kannel.stop();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => smsc.close(() => resolve()));
  };
  const run = (n: number, tag: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const out = bound;
      if (!out) return reject(new Error('Kannel is not bound'));
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
          out.write(encodeSm(CMD.deliver_sm, ++seq, `6281${String(i).padStart(9, '0')}`, 1, '9999', `${tag} ${i}`));
        }
      };
      onMoResp = () => {
        outstanding--;
        pump();
      };
      pump();
    });
  try {
    await kannel.ready(30_000);
    await run(500, 'WARM');
  } catch (e) {
    await stop();
    throw e;
  }
  return { run, stop };
}
