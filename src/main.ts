#!/usr/bin/env node
import { ConfigError } from './config/config-error.js';
import { CliError } from './cli/cli-error.js';
import { buildProgram } from './cli/program.js';

/** Composition root of the `pulsagate` command. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await program.parseAsync(argv);
}

main(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError) {
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
