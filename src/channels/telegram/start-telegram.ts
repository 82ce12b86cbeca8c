import type { Config } from '../../config/resolve-config.js';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { bindingTexts } from './binding-texts.js';
import { describe } from './long-polling.js';
import { TelegramChannel } from './telegram-channel.js';

/**
 * Starts the Telegram channel when `channels.telegram.enabled`. A failure is logged and leaves
 * nothing running; it never stops the other channels (undefined is returned).
 */
export async function startTelegram(
  core: GatewayPort, config: Config, log: (line: string) => void,
): Promise<TelegramChannel | undefined> {
  const settings = config.channels.telegram;
  if (!settings.enabled) return undefined;
  const channel = new TelegramChannel(core, settings, bindingTexts(config.grammar.language), log);
  try {
    await channel.start();
  } catch (e) {
    await channel.stop().catch(() => {});
    log(`Telegram channel failed to start: ${describe(e)}`);
    return undefined;
  }
  const how = settings.mode === 'webhook' ? `webhook ${settings.webhook?.url}` : 'long polling';
  log(`Telegram channel: @${channel.bot.botInfo.username} by ${how}`);
  return channel;
}
