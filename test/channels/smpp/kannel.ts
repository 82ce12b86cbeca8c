import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * Debian's Kannel (`apt-get install -y kannel`) as a third-party SMPP ESME: bearerbox binds to an
 * SMPP server on 127.0.0.1 (ours, or a node SMSC), smsbox serves `sendsms` and calls an
 * `sms-service` URL for each message the SMSC delivers. The config is the one that worked in
 * shared/research/smpp-gateways.md §2.3, with free ports and a temp directory.
 */
export interface KannelBinaries {
  readonly bearerbox: string;
  readonly smsbox: string;
}

/** The Kannel binaries, or null (with the reason) when Kannel is not installed. */
export function findKannel(): KannelBinaries | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const find = (name: string) => dirs.map((d) => join(d, name)).find((p) => existsSync(p));
  const bearerbox = find('bearerbox');
  const smsbox = find('smsbox');
  return bearerbox && smsbox ? { bearerbox, smsbox } : null;
}

export const KANNEL_MISSING = 'Kannel is not installed (bearerbox not found): `apt-get install -y kannel` to run the interop test';

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface KannelOptions {
  readonly dir: string;
  /** The SMPP server bearerbox binds to, and the account it binds with. */
  readonly smscPort: number;
  readonly systemId: string;
  readonly password: string;
  /** The sms-service get-url: `%p` sender, `%P` recipient, `%a` text, `%c` coding, `%C` charset. */
  readonly getUrl: string;
  /** 0 debug, 1 info (production), 2 warning. */
  readonly logLevel: 0 | 1 | 2;
  /** Send the HTTP answer back as a reply (the forward loop); else send nothing back. */
  readonly replies: boolean;
}

export interface Kannel {
  readonly sendsmsPort: number;
  readonly adminPort: number;
  /** `status.txt` of the admin interface. */
  status(): Promise<string>;
  /** Sends an SMS through `sendsms`; resolves with the HTTP status. */
  sendsms(from: string, to: string, text: string, extra?: Record<string, string>): Promise<number>;
  /** Waits until bearerbox is bound (online) and smsbox is connected. */
  ready(timeoutMs?: number): Promise<void>;
  log(name: 'bearerbox' | 'smsbox' | 'smsc'): string;
  stop(): Promise<void>;
}

export async function startKannel(bin: KannelBinaries, o: KannelOptions): Promise<Kannel> {
  const [adminPort, boxPort, sendsmsPort] = [await freePort(), await freePort(), await freePort()];
  mkdirSync(join(o.dir, 'logs'), { recursive: true });
  const conf = join(o.dir, 'kannel.conf');
  writeFileSync(conf, config(o, adminPort, boxPort, sendsmsPort));
  const run = (path: string): ChildProcess => {
    const child = spawn(path, ['-v', String(o.logLevel), conf], { cwd: o.dir, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return child;
  };
  const bearerbox = run(bin.bearerbox);
  await waitFor(async () => (await fetch(`http://127.0.0.1:${adminPort}/status.txt?password=bar`)).ok, 'bearerbox admin', 10_000);
  const smsbox = run(bin.smsbox);
  const status = async () => (await fetch(`http://127.0.0.1:${adminPort}/status.txt?password=bar`)).text();
  return {
    sendsmsPort, adminPort, status,
    async sendsms(from, to, text, extra = {}) {
      const q = new URLSearchParams({ username: 'tester', password: 'foobar', from, to, text, ...extra });
      const res = await fetch(`http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms?${q}`);
      await res.text();
      return res.status;
    },
    async ready(timeoutMs = 20_000) {
      await waitFor(async () => {
        const s = await status();
        return /pulsagate\[[^\]]*\].*\(online/.test(s) && /smsbox:/.test(s);
      }, 'Kannel bound and smsbox connected', timeoutMs);
      await waitFor(async () => (await fetch(`http://127.0.0.1:${sendsmsPort}/`)).status > 0, 'sendsms', timeoutMs);
    },
    log: (name) => {
      const file = join(o.dir, 'logs', name === 'smsc' ? 'smsc.log' : `${name}.log`);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    async stop() {
      await Promise.all([smsbox, bearerbox].map((c) => kill(c)));
    },
  };
}

function config(o: KannelOptions, adminPort: number, boxPort: number, sendsmsPort: number): string {
  return `group = core
admin-port = ${adminPort}
admin-interface = 127.0.0.1
admin-password = bar
status-password = bar
admin-allow-ip = "127.0.0.1"
smsbox-port = ${boxPort}
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "logs/bearerbox.log"
log-level = ${o.logLevel}
access-log = "logs/access.log"
store-type = file
store-location = "logs/kannel.store"
store-dump-freq = 5
dlr-storage = internal
sms-combine-concatenated-mo = true
sms-resend-freq = 2

group = smsc
smsc = smpp
smsc-id = pulsagate
host = 127.0.0.1
port = ${o.smscPort}
transceiver-mode = true
smsc-username = ${o.systemId}
smsc-password = ${o.password}
system-type = ""
address-range = ""
interface-version = 34
enquire-link-interval = 10
reconnect-delay = 1
max-pending-submits = 100
msg-id-type = 0x00
log-file = "logs/smsc.log"
log-level = ${o.logLevel}

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${boxPort}
sendsms-port = ${sendsmsPort}
sendsms-interface = 127.0.0.1
log-file = "logs/smsbox.log"
log-level = ${o.logLevel}
access-log = "logs/smsbox-access.log"
mo-recode = true

group = sendsms-user
username = tester
password = foobar
concatenation = true
max-messages = 5

group = sms-service
keyword = default
catch-all = true
get-url = "${o.getUrl}"
${o.replies ? 'max-messages = 3' : 'max-messages = 0\nomit-empty = true'}
concatenation = true
`;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
