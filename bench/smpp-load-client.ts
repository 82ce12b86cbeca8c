/**
 * The machine client of the SMPP benchmark, run as its own process (`node --import tsx
 * bench/smpp-load-client.ts <port> <job.json>`): binds once as a transceiver to our server mode
 * and runs the job's rounds on that session (a new session would make a repeated price check
 * look like a redelivery of the last one), each when a line arrives on stdin, so the benchmark
 * can run other work between rounds: keeps `window` submit_sm outstanding, acknowledges every
 * deliver_sm, and times each round until every expected reply has arrived. Prints one JSON line
 * per round (its LoadResult). It speaks SMPP through the lean codec (lean-smpp.ts), so the load
 * side takes little of the machine from the gateway it measures.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { CMD, encode, encodeSm, Framer, Writer, type RawPdu } from './lean-smpp.js';

export interface LoadJob {
  readonly systemId: string;
  readonly password: string;
  readonly window: number;
  /** Each round: [sender, text, replies expected] */
  readonly rounds: ReadonlyArray<ReadonlyArray<readonly [string, string, number]>>;
}

export interface LoadResult {
  readonly seconds: number;
  readonly submitted: number;
  readonly replies: number;
  readonly refused: number;
}

function main(port: number, job: LoadJob): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  const out = new Writer(socket);
  const framer = new Framer();
  const starts = createInterface({ input: process.stdin });
  let round = 0;
  let messages: LoadJob['rounds'][number] = []; // the round's, set when it starts
  let expected = 0;
  let seq = 1;
  let replies = 0;
  let refused = 0;
  let next = -1; // no round running
  let outstanding = 0;
  let t0 = 0;
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the gateway closed the connection')));
    const finish = () => {
      if (next < 0 || replies < expected || next < messages.length || outstanding > 0) return;
      const result: LoadResult = { seconds: (performance.now() - t0) / 1000, submitted: next, replies, refused };
      next = -1; // this round is over; the next starts on its line
      if (++round < job.rounds.length) {
        // After the Writer's batch (the round's last deliver_sm_resp), so the round's work is all acknowledged.
        return setImmediate(() => process.stdout.write(`${JSON.stringify(result)}\n`));
      }
      socket.removeAllListeners('close');
      // After the Writer's last batch (the final deliver_sm_resp): a reply acknowledged is not resent.
      setImmediate(() => socket.end(() => {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        resolve();
      }));
    };
    const start = () => {
      messages = job.rounds[round]!;
      expected = messages.reduce((n, m) => n + m[2], 0);
      next = replies = refused = 0;
      t0 = performance.now();
      pump();
    };
    starts.on('line', start);
    const pump = () => {
      while (outstanding < job.window && next >= 0 && next < messages.length) {
        const [from, text] = messages[next++]!;
        outstanding++;
        out.write(encodeSm(CMD.submit_sm, ++seq, from, 2, '9999', text));
      }
    };
    const onPdu = (p: RawPdu) => {
      switch (p.id) {
        case CMD.bind_transceiver_resp:
          if (p.status !== 0) return reject(new Error(`bind refused: ${p.status}`));
          return process.stdout.write('bound\n');
        case CMD.submit_sm_resp:
        case CMD.generic_nack:
          outstanding--;
          if (p.status !== 0) refused++;
          pump();
          return finish();
        case CMD.deliver_sm:
          out.write(encode(CMD.deliver_sm_resp, 0, p.seq, ['']));
          replies++;
          return finish();
        case CMD.enquire_link:
          return out.write(encode(CMD.enquire_link_resp, 0, p.seq, []));
        default:
          if (!(p.id & 0x80000000)) out.write(encode(CMD.generic_nack, 3, p.seq, []));
      }
    };
    socket.on('data', (chunk: Buffer) => framer.push(chunk, onPdu));
    socket.once('connect', () => out.write(encode(CMD.bind_transceiver, 0, 1, [job.systemId, job.password, '', 0x34, 0, 0, ''])));
  });
}

const [port, jobFile] = process.argv.slice(2);
await main(Number(port), JSON.parse(readFileSync(jobFile!, 'utf8')) as LoadJob);
process.exit(0);
