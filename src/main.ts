#!/usr/bin/env node
import { ConfigError } from './config/config-error.js';
import { CliError } from './cli/cli-error.js';
import { buildProgram } from './cli/program.js';
import { GrammarError } from './grammar/grammar-error.js';
import { buildLanguage } from './grammar/language.js';

/** Composition root of the `pulsagate` command. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram({
    // A product code equal to a keyword in effect could never be bought by chat: refuse it.
    reservedCodes: async (config) => {
      const keywords = buildLanguage(config.grammar, config.replies).keywords;
      return (code) => keywords.has(code.toUpperCase());
    },
  });
  await program.parseAsync(argv);
}

main(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof GrammarError) {
    console.error(`pulsagate: ${e.message}`);
    process.exitCode = 2;
  } else if (e instanceof CliError) {
    console.error(`pulsagate: ${e.message}`);
    process.exitCode = e.exitCode;
  } else {
    console.error(`pulsagate: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.PULSAGATE_DEBUG && e instanceof Error) console.error(e.stack);
    process.exitCode = 1;
  }
});
