import { join } from 'node:path';
import wwebjs from 'whatsapp-web.js';
import type { WhatsAppSettings } from '../../config/whatsapp-schema.js';
import type { WhatsAppClient } from './whatsapp-client.js';

const { Client, LocalAuth } = wwebjs;

/**
 * A whatsapp-web.js client on the configured Chromium (npm installs no browser), with its
 * linked-device session (LocalAuth) and WhatsApp Web cache under `sessionDir`. A new one is made
 * for every start: a destroyed client is not reused.
 */
export function createWebJsClient(s: WhatsAppSettings): WhatsAppClient {
  const client: WhatsAppClient = new Client({
    authStrategy: new LocalAuth({ clientId: s.clientId, dataPath: join(s.sessionDir, 'auth') }),
    webVersionCache: { type: 'local', path: join(s.sessionDir, 'cache') },
    puppeteer: { executablePath: s.chromiumPath, headless: s.headless, args: [...s.browserArgs] },
  });
  return client;
}
