import type { Command } from 'commander';
import { openDatabase, migrate } from '../store/open-store.js';
import { configFrom, type GlobalOptions } from './cli-context.js';

export function registerDbCommands(program: Command): void {
  program
    .command('db')
    .description('the SQLite database')
    .command('migrate')
    .description('apply pending schema migrations')
    .action(async () => {
      const config = configFrom(program.opts<GlobalOptions>());
      const db = openDatabase(config.databasePath);
      try {
        const result = await migrate(db);
        const ran = result.results ?? [];
        for (const r of ran) console.log(`${r.status === 'Success' ? 'applied' : r.status} ${r.migrationName}`);
        console.log(`${config.databasePath}: schema up to date${ran.length === 0 ? ' (nothing to do)' : ''}`);
      } finally {
        db.close();
      }
    });
}
