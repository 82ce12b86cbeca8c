// Token vocabulary and lexer for one configuration. The text is upper-cased before lexing, so
// keywords are case-insensitive.
import { createToken, Lexer, type TokenType } from 'chevrotain';

export interface TokenSet {
  readonly lexer: Lexer;
  readonly Sep: TokenType;
  /** Only when space is not a separator: it then joins the words of a name. */
  readonly Space: TokenType | undefined;
  readonly Comma: TokenType;
  /** Only when "*" is not a separator. */
  readonly Star: TokenType | undefined;
  readonly MarkupItem: TokenType;
  readonly Code: TokenType;
  readonly Digits: TokenType;
  /** Category of Code and every keyword: where no keyword competes, a keyword is a fine code. */
  readonly AnyWord: TokenType;
  readonly keywords: ReadonlyMap<string, TokenType>;
  /** Every token type, in lexer order (the parser's vocabulary). */
  readonly vocabulary: readonly TokenType[];
}

const escapeInClass = (c: string): string => (/[\\\]^-]/.test(c) ? `\\${c}` : c);

function separatorPattern(separators: readonly string[]): RegExp {
  const chars = separators.filter((s) => s !== ' ');
  const parts = chars.length > 0 ? [`[${chars.map(escapeInClass).join('')}]`] : [];
  // Runs of spaces count as one separator: phones and people insert doubles.
  if (separators.includes(' ')) parts.push(' +');
  return new RegExp(parts.join('|'));
}

/** `verify` runs Chevrotain's own lexer validations (tests); our checks already cover the data. */
export function buildTokens(separators: readonly string[], keywords: ReadonlySet<string>, verify = false): TokenSet {
  const AnyWord = createToken({ name: 'AnyWord', pattern: Lexer.NA });
  const Code = createToken({ name: 'Code', pattern: /[A-Z][A-Z0-9]*/, categories: [AnyWord] });
  // Longest first, and longer_alt Code: "MP2" is not "MP" then "2", "SAL5" is a code.
  const kwTokens = new Map<string, TokenType>();
  for (const word of [...keywords].sort((a, b) => b.length - a.length || a.localeCompare(b))) {
    kwTokens.set(word, createToken({ name: `KW_${word}`, pattern: word, longer_alt: Code, categories: [AnyWord] }));
  }
  const Sep = createToken({ name: 'Sep', pattern: separatorPattern(separators) });
  const Space = separators.includes(' ') ? undefined : createToken({ name: 'Space', pattern: / +/ });
  const Star = separators.includes('*') ? undefined : createToken({ name: 'Star', pattern: '*' });
  const Comma = createToken({ name: 'Comma', pattern: ',' });
  // Before keywords and codes: "S=50" and "MP=5" are markup items whatever the keywords are.
  const MarkupItem = createToken({ name: 'MarkupItem', pattern: /[A-Z][A-Z0-9]*=[0-9]+/ });
  const Digits = createToken({ name: 'Digits', pattern: /[0-9]+/ });
  const ordered = [Sep, Space, Comma, Star, MarkupItem, ...kwTokens.values(), Code, Digits, AnyWord].filter(
    (t): t is TokenType => t !== undefined,
  );
  const lexer = new Lexer(ordered, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: !verify,
  });
  return { lexer, Sep, Space, Comma, Star, MarkupItem, Code, Digits, AnyWord, keywords: kwTokens, vocabulary: ordered };
}
