import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import { startCoreThread, type CoreThread } from '../../../src/gateway/core-thread/remote-core.js';
import { DEMO } from '../../support/gateway-fixture.js';
import { saldoReply } from '../../support/replies.js';
import { tempDir } from '../../support/temp-dir.js';

// The channels' thread parses commands for the core with its own copy of the formats; a reload
// changes both, and a command parsed with the formats of before is never taken after.

let t: CoreThread | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await t?.close();
  dir?.cleanup();
  t = dir = undefined;
});

it('after a reload, commands read with the new formats only, in the core thread', async () => {
  dir = tempDir();
  const config = parseConfig(
    { supplier: { simulator: { delay: '0ms' } }, channels: { http: { enabled: false } } },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  t = await startCoreThread(config, () => {});
  let n = 0;
  const say = async (text: string) =>
    (await t!.handle({ channel: 'sms', messageId: `m${++n}`, sender: DEMO.OX002.from, text, receivedAt: t!.now() })).replies.map((r) => r.text);
  const balance = saldoReply('200.000');
  expect(await say(`SAL.${DEMO.OX002.pin}`)).toEqual([balance]);
  expect(await say(`SAL#${DEMO.OX002.pin}`)).not.toEqual([balance]);

  const hashes = parseConfig(
    { grammar: { separators: ['#'] }, supplier: { simulator: { delay: '0ms' } }, channels: { http: { enabled: false } } },
    { file: 'test', env: {}, cwd: dir.path, dbPath: join(dir.path, 'gw.db') },
  );
  expect(await t.reload(hashes)).toBeUndefined();
  expect(await say(`SAL#${DEMO.OX002.pin}`)).toEqual([balance]);
  expect(await say(`SAL.${DEMO.OX002.pin}`)).not.toEqual([balance]);

  // A refused edit changes neither thread's formats.
  const broken = { ...hashes, grammar: { ...hashes.grammar, requests: { CekSaldo: { formats: ['SAL.[nope]'] } } } } as typeof hashes;
  expect(await t.reload(broken)).toEqual(expect.any(String));
  expect(await say(`SAL#${DEMO.OX002.pin}`)).toEqual([balance]);
});
