import type { Command } from '../domain/commands.js';

const MASK = '****';

function maskWord(text: string, word: string): string {
  if (word === '') return text;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`, 'g'), MASK);
}

/**
 * The text as the journal keeps it: the PIN (and a new PIN) masked. When the message did not
 * parse, the PIN's place is unknown, so every stand-alone run of 4–8 digits is masked: a phone
 * number (10+ digits) stays readable, anything that could be a PIN does not.
 */
export function maskPins(text: string, command: Command | undefined): string {
  if (!command) return text.replace(/(?<![0-9])\d{4,8}(?![0-9])/g, MASK);
  let out = text;
  if ('pin' in command) out = maskWord(out, command.pin);
  if ('newPin' in command) out = maskWord(out, command.newPin);
  return out;
}
