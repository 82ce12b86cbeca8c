import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load-config.js';
import type { Config } from '../../../src/config/resolve-config.js';
import { agentSummary } from '../../../src/engine/agents.js';
import type { GatewayCore } from '../../../src/gateway/gateway-core.js';
import { salesRepo } from '../../../src/store/repos/sales-repo.js';

/** The journal rows of the Telegram channel, oldest first. */
export function inboundOf(core: GatewayCore): { message_id: string; sender: string; chat: string }[] {
  return core.store.sql.db
    .prepare("SELECT message_id, sender, chat FROM inbound WHERE channel = 'telegram' ORDER BY id")
    .all() as { message_id: string; sender: string; chat: string }[];
}

export function salesOf(core: GatewayCore, code: string) {
  return salesRepo.list(core.store.sql, agentSummary(core.engine.ctx, code)!.agent.id, 50);
}

/** The configuration of a gateway on `<dir>/gw.db` with Telegram polling `apiRoot` (1 s long polls). */
export function telegramTestConfig(dir: string, apiRoot: string, token: string): Config {
  return parseConfig(
    {
      supplier: { simulator: { delay: '0ms' }, recheck: '20ms' },
      channels: { telegram: { enabled: true, token, apiRoot, polling: { timeout: '1s' } } },
    },
    { file: 'test', env: {}, cwd: dir, dbPath: join(dir, 'gw.db') },
  );
}
