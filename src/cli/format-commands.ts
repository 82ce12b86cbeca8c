// `pulsagate format list` and `pulsagate format test "<message>"`: a thin shell over the
// grammar API, for operators checking their formats before a reload.
import type { Command } from 'commander';
import type { GrammarConfig, RepliesConfig } from '../config/grammar-schema.js';
import { commandToJson } from '../domain/commands.js';
import { GrammarError } from '../grammar/grammar-error.js';
import { buildLanguage, type CompiledLanguage } from '../grammar/language.js';

export interface FormatCliConfig {
  readonly grammar: GrammarConfig;
  readonly replies: RepliesConfig;
}

export interface FormatCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly setExitCode: (code: number) => void;
}

const processIo: FormatCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Exit codes: 0 parsed / listed, 1 the message is not a command, 2 the formats are broken. */
export function registerFormatCommands(
  program: Command,
  getConfig: () => FormatCliConfig,
  io: FormatCliIo = processIo,
): void {
  const format = program.command('format').description('request formats in effect');
  const withLanguage = (run: (lang: CompiledLanguage) => void): void => {
    let lang: CompiledLanguage;
    try {
      const config = getConfig();
      // An operator's check: worth Chevrotain's own validations on top of ours.
      lang = buildLanguage(config.grammar, config.replies, { verifyParser: true });
    } catch (err) {
      if (!(err instanceof GrammarError)) throw err;
      io.err(err.message);
      io.setExitCode(2);
      return;
    }
    run(lang);
  };

  format
    .command('list')
    .description('print the formats in effect with an example of each')
    .action(() => withLanguage((lang) => listFormats(lang, io)));

  format
    .command('test')
    .description('parse a message as the gateway would; prints the command (PIN masked) or the issue')
    .argument('<message>', 'the message text, quoted')
    .action((message: string) =>
      withLanguage((lang) => {
        const result = lang.parse(message);
        if (result.ok) {
          io.out(commandToJson(result.command, 2));
          io.setExitCode(0);
        } else {
          io.out(JSON.stringify({ issue: result.issue }, null, 2));
          io.setExitCode(1);
        }
      }),
    );
}

function listFormats(lang: CompiledLanguage, io: FormatCliIo): void {
  const seps = lang.grammar.separators.map((s) => JSON.stringify(s)).join(' ');
  io.out(`separators: ${seps}   language: ${lang.language}   ("." in a format = any separator)`);
  for (const f of lang.formats) {
    const aliases = f.spellings.length > 1 ? `  (also ${f.spellings.slice(1).join(', ')})` : '';
    const origin = f.source === 'config' ? '  [config]' : '';
    io.out(`${f.key.padEnd(22)} ${f.format}${aliases}${origin}`);
    io.out(`${''.padEnd(22)}   e.g. ${f.example}`);
  }
  io.setExitCode(0);
}
