import type { Command } from '../domain/commands.js';

const MASK = '****';

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Every occurrence of `word` in `text` that no letter or digit touches on either side, masked. */
function maskWord(text: string, word: string): string {
  if (word === '') return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if (at < from || (at > 0 && isAlnum(text.charCodeAt(at - 1))) || (end < text.length && isAlnum(text.charCodeAt(end)))) continue;
    out += text.slice(from, at) + MASK;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
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
