/**
 * The machine client of the SMPP benchmark, run as its own process (`node --import tsx
 * bench/smpp-load-client.ts <port> <job.json>`): binds as a transceiver to our server mode, keeps
 * `window` submit_sm outstanding, acknowledges every deliver_sm, and prints one JSON line when
 * every expected reply has arrived.
 */
import { readFileSync } from 'node:fs';
import smpp from 'smpp';
import '../src/channels/smpp/smpp-wire.js'; // short_message as raw octets

export interface LoadJob {
  readonly systemId: string;
  readonly password: string;
  readonly window: number;
  /** [sender, text, replies expected] */
  readonly messages: ReadonlyArray<readonly [string, string, number]>;
}

export interface LoadResult {
  readonly seconds: number;
  readonly submitted: number;
  readonly replies: number;
  readonly refused: number;
}

async function main(port: number, job: LoadJob): Promise<LoadResult> {
  const s = smpp.connect({ host: '127.0.0.1', port });
  s.on('error', (e: Error) => {
    console.error(e);
    process.exit(2);
  });
  await new Promise<void>((resolve) => s.once('connect', () => resolve()));
  await new Promise<void>((resolve, reject) =>
    s.send(new smpp.PDU('bind_transceiver', { system_id: job.systemId, password: job.password, interface_version: 0x34 }), (r) =>
      r.command_status === 0 ? resolve() : reject(new Error(`bind ${r.command_status}`))),
  );
  const expected = job.messages.reduce((n, m) => n + m[2], 0);
  let replies = 0;
  let refused = 0;
  let next = 0;
  let outstanding = 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      if (replies >= expected && next === job.messages.length && outstanding === 0) {
        resolve({ seconds: (performance.now() - t0) / 1000, submitted: next, replies, refused });
      }
    };
    s.on('deliver_sm', (pdu: smpp.PDU) => {
      s.send(pdu.response());
      replies++;
      finish();
    });
    s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
    const pump = () => {
      while (outstanding < job.window && next < job.messages.length) {
        const [from, text] = job.messages[next++]!;
        outstanding++;
        const pdu = new smpp.PDU('submit_sm', {
          source_addr: from, source_addr_ton: 2, source_addr_npi: 1, destination_addr: '9999', data_coding: 0,
          short_message: Buffer.from(text, 'latin1'),
        });
        s.send(pdu, (r) => {
          outstanding--;
          if (r.command_status !== 0) refused++;
          pump();
          finish();
        });
      }
    };
    pump();
  });
}

const [port, jobFile] = process.argv.slice(2);
const result = await main(Number(port), JSON.parse(readFileSync(jobFile!, 'utf8')) as LoadJob);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
