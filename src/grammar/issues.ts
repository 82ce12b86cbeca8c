// What the parser says when a message is not a command. Codes are stable (logs, tests); the
// text a reseller reads comes from the reply templates `parse.<CODE>` (language.ts).
import type { Command, RequestKey } from '../domain/commands.js';
import type { Placeholder } from './placeholders.js';

export const ISSUE_CODES = ['EMPTY', 'TOO_LONG', 'UNKNOWN_COMMAND', 'BAD_FORMAT', 'BAD_VALUE', 'INTERNAL'] as const;

/**
 * EMPTY: nothing but blanks. TOO_LONG: over MAX_MESSAGE_LENGTH. UNKNOWN_COMMAND: no format
 * recognisable. BAD_FORMAT: looks like `key` but does not fit. BAD_VALUE: fits, but `field`
 * has a bad value (PIN length, counter range...). INTERNAL: a bug in the parser, caught.
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface GrammarIssue {
  readonly code: IssueCode;
  /** The request the message most likely meant, when there is one. */
  readonly key?: RequestKey;
  /** The format it was held against, as written in the catalogue or config. */
  readonly format?: string;
  /** That format's example, with the configured separator. */
  readonly example?: string;
  readonly field?: Placeholder;
}

export interface ParseIssue extends GrammarIssue {
  /** SMS-sized reply in the configured language. */
  readonly message: string;
}

export type GrammarResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly issue: GrammarIssue };

export type ParseResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly issue: ParseIssue };

/** About ten SMS; a longer message is refused before lexing (cheap under floods). */
export const MAX_MESSAGE_LENGTH = 1600;
