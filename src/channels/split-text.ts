/**
 * Splits a reply into parts of at most `max` UTF-16 code units (what Telegram counts: sendMessage
 * text is 1-4096 characters), on line boundaries where it can, hard-cutting only a line that is
 * longer than `max`, and never inside a surrogate pair. Joining the parts with "\n" (where a
 * line was not cut) gives the text back.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current !== undefined) parts.push(current);
      current = undefined;
      const cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    const joined = current === undefined ? rest : `${current}\n${rest}`;
    if (joined.length > max) {
      parts.push(current as string);
      current = rest;
    } else current = joined;
  }
  if (current !== undefined && current !== '') parts.push(current);
  return parts.filter((p) => p.length > 0);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
