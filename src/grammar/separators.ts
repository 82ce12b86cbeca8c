// Checks the configured separators against each other, the list syntax and the formats.
import type { EffectiveFormat } from './formats-in-effect.js';
import { GrammarError } from './grammar-error.js';

// "," and "=" build lists (S5=50,S10=75); letters and digits build fields.
const RESERVED: Readonly<Record<string, string>> = {
  ',': 'it separates list items (S5,S10)',
  '=': 'it joins a product to its markup (S5=50)',
};

export function checkSeparators(separators: readonly string[], formats: readonly EffectiveFormat[]): void {
  const fail = (reason: string, format?: EffectiveFormat): never => {
    throw new GrammarError({ key: format?.key ?? 'separators', format: format?.format, reason });
  };
  if (separators.length === 0) fail('give at least one separator');
  const seen = new Set<string>();
  for (const s of separators) {
    if (seen.has(s)) fail(`separator "${s}" is listed twice`);
    seen.add(s);
    if (s.length !== 1) fail(`separator "${s}" must be a single character`);
    if (/[A-Za-z0-9]/.test(s)) fail(`separator "${s}" is a letter or digit`);
    if (s !== ' ' && !/^[!-~]$/.test(s)) fail(`separator ${JSON.stringify(s)} must be space or visible ASCII punctuation`);
    const why = RESERVED[s];
    if (why !== undefined) fail(`separator "${s}" is not allowed: ${why}`);
  }
  if (seen.has('*')) {
    const wild = formats.find((f) => f.segments.some((seg) => seg.type === 'star'));
    if (wild !== undefined) {
      fail('separator "*" is also the wildcard in this format; choose another separator or a format without "*"', wild);
    }
  }
}
