import { Command } from 'commander';
import { registerAgentCommands } from './agent-commands.js';
import { configFrom, type CliHooks, type GlobalOptions } from './cli-context.js';
import { registerFormatCommands } from './format-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerGatewayCommands } from './gateway-commands.js';
import { registerMoneyCommands } from './money-commands.js';
import { registerProductCommands } from './product-commands.js';
import { registerResellerCommands } from './reseller-commands.js';
import { registerTicketCommands } from './ticket-commands.js';

/** The operator's command line. `--config` and `--db` may stand before or after a command name. */
export function buildProgram(hooks: CliHooks = {}): Command {
  const program = new Command('pulsagate')
    .description('SMS/chat command gateway for prepaid top-up businesses')
    .option('--config <path>', 'configuration file (default: $PULSAGATE_CONFIG or config/pulsagate.yaml)')
    .option('--db <path>', 'SQLite database file (default: $PULSAGATE_DB or database.path of the config)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });
  registerGatewayCommands(program);
  registerDbCommands(program);
  registerProductCommands(program, hooks);
  registerAgentCommands(program, hooks);
  registerMoneyCommands(program, hooks);
  registerTicketCommands(program, hooks);
  registerResellerCommands(program, hooks);
  registerFormatCommands(program, () => configFrom(program.opts<GlobalOptions>()));
  return program;
}
