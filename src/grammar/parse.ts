// The per-message path: normalise, lex, recognise, read fields. Never throws: every outcome is
// a command or an issue (a caught bug becomes an INTERNAL issue).
import type { IToken } from 'chevrotain';
import type { FormatParser } from './build-parser.js';
import type { FormatTrie } from './format-trie.js';
import { MAX_MESSAGE_LENGTH, type GrammarIssue, type GrammarResult } from './issues.js';
import { toCommand } from './to-command.js';
import type { TokenSet } from './tokens.js';
import { walkTrie } from './walk-trie.js';

export type ParseFn = (text: string) => GrammarResult;

export function makeParse(trie: FormatTrie, tokens: TokenSet, parser: FormatParser): ParseFn {
  const fail = (issue: GrammarIssue): GrammarResult => ({ ok: false, issue });
  return (text: string): GrammarResult => {
    try {
      if (typeof text !== 'string') return fail({ code: 'EMPTY' });
      if (text.length > MAX_MESSAGE_LENGTH) return fail({ code: 'TOO_LONG' });
      const input = text.trim().toUpperCase();
      if (input === '') return fail({ code: 'EMPTY' });
      const lexed = tokens.lexer.tokenize(input);
      const firstError = lexed.errors[0];
      if (firstError !== undefined) {
        // Hint from what came before the first character we could not read.
        const before = lexed.tokens.filter((tok) => tok.startOffset < firstError.offset);
        return fail(diagnose(trie, tokens, before, false));
      }
      const leafId = parser.recognise(lexed.tokens);
      const leaf = leafId === undefined ? undefined : trie.leaves[leafId];
      if (leaf === undefined) return fail(diagnose(trie, tokens, lexed.tokens, true));
      const read = toCommand(leaf, lexed.tokens);
      if (read.ok) return read;
      return fail({ code: 'BAD_VALUE', ...about(leaf.format), field: read.field });
    } catch {
      return fail({ code: 'INTERNAL' });
    }
  };
}

function about(f: { key: GrammarIssue['key']; format: string; example: string }): Pick<GrammarIssue, 'key' | 'format' | 'example'> {
  return { key: f.key, format: f.format, example: f.example };
}

/**
 * Which format the message most likely meant: the first-declared one through the deepest trie
 * node it reached. A format starting with a field (a purchase) claims a message only when its
 * first word looks like a product code (has a digit: `S10..1234`, `PLN20.0812`) or three fields
 * matched; `HALO`, `SALDO.1234` and `BELI.S10.0812` are "unknown command" rather than a
 * purchase gone wrong. A matched keyword always claims.
 */
function diagnose(trie: FormatTrie, tokens: TokenSet, lexed: readonly IToken[], complete: boolean): GrammarIssue {
  const walk = walkTrie(trie.root, lexed, tokens);
  if (walk.leaf !== undefined && complete) {
    // The walk accepts what the parser refused: they disagree, which is our bug.
    return { code: 'INTERNAL', ...about(walk.leaf.format) };
  }
  const codeLike = /[0-9]/.test(lexed[0]?.image ?? '');
  const claimed = walk.sawKeyword || walk.slots >= 3 || (walk.slots >= 1 && codeLike);
  return claimed ? { code: 'BAD_FORMAT', ...about(walk.node.hint) } : { code: 'UNKNOWN_COMMAND' };
}
