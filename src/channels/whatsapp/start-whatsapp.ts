import qrcode from 'qrcode-terminal';
import type { Config } from '../../config/resolve-config.js';
import type { WhatsAppSettings } from '../../config/whatsapp-schema.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { describe, WhatsAppChannel } from './whatsapp-channel.js';
import type { WhatsAppClient } from './whatsapp-client.js';

/**
 * Starts the WhatsApp channel when `channels.whatsapp.enabled`, on whatsapp-web.js unless a
 * client factory is given (tests). A failure is logged, leaves no browser running, and never
 * stops the other channels (undefined is returned).
 */
export async function startWhatsApp(
  core: GatewayPort, config: Config, log: (line: string) => void,
  createClient?: (settings: WhatsAppSettings) => WhatsAppClient,
): Promise<WhatsAppChannel | undefined> {
  const settings = config.channels.whatsapp;
  if (!settings.enabled) return undefined;
  let channel: WhatsAppChannel | undefined;
  try {
    // Loaded only when enabled: whatsapp-web.js brings puppeteer with it.
    const make = createClient ?? (await import('./webjs-client.js')).createWebJsClient;
    channel = new WhatsAppChannel(core, { createClient: () => make(settings), settings, log, showQr: (qr) => printQr(qr, log) });
    await channel.start();
  } catch (e) {
    await channel?.stop();
    log(`WhatsApp channel failed to start: ${describe(e)}`);
    return undefined;
  }
  log(`WhatsApp channel: started (session in ${settings.sessionDir})`);
  return channel;
}

function printQr(qr: string, log: (line: string) => void): void {
  log('WhatsApp: scan this code with the phone (WhatsApp > Linked devices > Link a device):');
  qrcode.generate(qr, { small: true }, (art) => log(art));
}
