import type { Command } from '../domain/commands.js';

const MASK = '****';

function maskWord(text: string, word: string): string {
  if (word === '') return text;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`, 'g'), MASK);
}

/**
 * The text as the journal keeps it: the PIN (and a new PIN) masked. When the message did not
 * parse, the PIN's place is unknown (it may even be glued to a phone number), so every run of 4
 * or more digits is masked.
 */
export function maskPins(text: string, command: Command | undefined): string {
  if (!command) return text.replace(/\d{4,}/g, MASK);
  let out = text;
  if ('pin' in command) out = maskWord(out, command.pin);
  if ('newPin' in command) out = maskWord(out, command.newPin);
  return out;
}
