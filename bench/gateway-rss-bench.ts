/**
 * Issue 4: the memory of a running gateway, measured on its own process: `pulsagate start`
 * (compiled, demo data) takes messages over HTTP at a fixed offered load from this process;
 * its peak RSS (VmHWM) is read from /proc afterwards. Target: RSS <= 150 MB (default start). The
 * same is measured with the core in its own thread (`gateway.coreThread`), an option that trades
 * memory for SMPP throughput.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test/support/temp-dir.js';

/** The built gateway (`npm run bench` builds it; run from the project root). */
const MAIN = join(process.cwd(), 'dist/main.js');
const SENDERS = ['081200000001', '081200000002', '081200000003', '081200000004', '081200000005', '081200000006'];
const PINS = ['1111', '2222', '3333', '4444', '5555', '6666'];

function statusKb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function benchGatewayRss(opts: { rate?: number; seconds?: number } = {}): Promise<Record<string, number | string>> {
  const plain = await measure(opts.rate ?? 1_000, opts.seconds ?? 10, false);
  const threaded = await measure(opts.rate ?? 1_000, opts.seconds ?? 10, true);
  return { ...plain, ...Object.fromEntries(Object.entries(threaded).map(([k, v]) => [`${k}, core thread`, v])) };
}

async function measure(rate: number, seconds: number, coreThread: boolean): Promise<Record<string, number | string>> {
  const dir = tempDir('pulsagate-rss-');
  const config = join(dir.path, 'c.yaml');
  writeFileSync(config, `channels:\n  http:\n    port: 0\ngateway:\n  ratePerMinute: 0\n  coreThread: ${coreThread}\nsupplier:\n  simulator:\n    delay: 0ms\n`);
  const child = spawn(process.execPath, [MAIN, 'start', '--config', config, '--db', join(dir.path, 'g.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        log += d;
        const m = /HTTP channel on (http:\S+)/.exec(log);
        if (m && log.includes('running')) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${log}`)));
    });
    const idleKb = statusKb(child.pid!, 'VmRSS');
    let sent = 0;
    let answered = 0;
    let failed = 0;
    const started = Date.now();
    const total = rate * seconds;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
        for (; sent < due; sent++) {
          const i = sent % SENDERS.length;
          const text = sent % 10 < 3 ? `S5.0813${String(sent).padStart(8, '0')}.${PINS[i]}` : sent % 2 ? `SAL.${PINS[i]}` : `H.S.${PINS[i]}`;
          fetch(url, { method: 'POST', body: JSON.stringify({ from: SENDERS[i], text, id: `r${sent}` }) })
            .then((r) => (r.ok ? answered++ : failed++))
            .catch(() => failed++)
            .finally(() => {
              if (answered + failed === total) resolve();
            });
        }
        if (sent >= total) clearInterval(tick);
      }, 5);
    });
    return {
      'gateway RSS idle after start, demo loaded (MB)': Math.round(idleKb / 1024),
      [`gateway peak RSS (VmHWM) over ${seconds} s at ${rate} msg/s over HTTP (MB)`]: Math.round(statusKb(child.pid!, 'VmHWM') / 1024),
      'messages answered / failed': `${answered} / ${failed}`,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    dir.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchGatewayRss());
}
