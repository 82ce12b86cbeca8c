// Parses one format string (`MP.<downline>.<markups>.<pin>`) into its segments.
// Syntax (grammar/FORMATS.md): segments separated by ".", each exactly one keyword, "*" or
// one placeholder. "." in a format stands for any configured separator.
import { GrammarError } from './grammar-error.js';
import { isPlaceholder, PLACEHOLDERS, type Placeholder } from './placeholders.js';

export type Segment =
  | { readonly type: 'keyword'; readonly word: string }
  | { readonly type: 'star' }
  | { readonly type: 'slot'; readonly placeholder: Placeholder };

/** Bounds the size of generated grammar rules (Chevrotain occurrence indices stop at 255). */
export const MAX_SEGMENTS = 16;

const KEYWORD = /^[A-Z][A-Z0-9]*$/;
const PLACEHOLDER = /^<([A-Za-z]+)>$/;

export function isKeyword(word: string): boolean {
  return KEYWORD.test(word);
}

/** Upper-cases and checks a keyword or alias; throws GrammarError naming `key` and `format`. */
export function normaliseKeyword(word: string, key: string, format?: string): string {
  const upper = word.trim().toUpperCase();
  if (!isKeyword(upper)) {
    throw new GrammarError({
      key,
      format,
      reason: `bad keyword "${word}": a keyword is a letter followed by letters or digits`,
    });
  }
  return upper;
}

export function parseFormat(format: string, key: string): Segment[] {
  const fail = (reason: string): never => {
    throw new GrammarError({ key, format, reason });
  };
  const text = format.trim();
  if (text === '') fail('empty format');
  const parts = text.split('.');
  if (parts.length > MAX_SEGMENTS) fail(`more than ${MAX_SEGMENTS} segments`);
  return parts.map((part, i) => {
    if (part === '') return fail(`empty segment ${i + 1} (two "." in a row, or "." at an end)`);
    if (part === '*') return { type: 'star' } as const;
    const ph = PLACEHOLDER.exec(part);
    if (ph !== null) {
      const name = (ph[1] ?? '').toLowerCase();
      if (!isPlaceholder(name)) {
        return fail(`unknown placeholder <${ph[1]}>; known: ${PLACEHOLDERS.map((p) => `<${p}>`).join(' ')}`);
      }
      return { type: 'slot', placeholder: name } as const;
    }
    if (/[<>*]/.test(part)) {
      return fail(`segment "${part}" must be one keyword, "*" or one placeholder`);
    }
    return { type: 'keyword', word: normaliseKeyword(part, key, format) } as const;
  });
}
