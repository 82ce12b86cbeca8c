// Builds languages for tests, always with Chevrotain's own validations on (production skips
// them: see build-parser.ts), so every configuration a test uses is checked twice.
import { expect } from 'vitest';
import {
  grammarConfigSchema,
  repliesConfigSchema,
  type GrammarConfigInput,
} from '../../src/config/grammar-schema.js';
import type { Command } from '../../src/domain/commands.js';
import type { ParseIssue } from '../../src/grammar/issues.js';
import { buildLanguage, type CompiledLanguage } from '../../src/grammar/language.js';

export function languageOf(grammar: GrammarConfigInput = {}, replies: Record<string, string> = {}): CompiledLanguage {
  return buildLanguage(grammarConfigSchema.parse(grammar), repliesConfigSchema.parse(replies), { verifyParser: true });
}

let defaults: CompiledLanguage | undefined;
export function defaultLanguage(): CompiledLanguage {
  defaults ??= languageOf();
  return defaults;
}

export function commandOf(lang: CompiledLanguage, text: string): Command {
  const result = lang.parse(text);
  if (!result.ok) expect.fail(`"${text}" gave ${JSON.stringify(result.issue)}`);
  return result.command;
}

export function issueOf(lang: CompiledLanguage, text: string): ParseIssue {
  const result = lang.parse(text);
  if (result.ok) expect.fail(`"${text}" parsed as ${JSON.stringify(result.command)}`);
  return result.issue;
}
