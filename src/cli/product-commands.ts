import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { DESTINATION_KINDS, type DestinationKind } from '../domain/destination.js';
import { toDecimalText } from '../domain/money.js';
import { importProducts, listProducts, upsertProduct, type ProductInput } from '../engine/catalogue.js';
import { CliError } from './cli-error.js';
import { withApp, type CliHooks, type GlobalOptions } from './cli-context.js';
import { amountArg } from './parse-options.js';
import { refusalText } from './refusal-text.js';
import { table } from './table.js';

function destKind(text: string | undefined): DestinationKind | undefined {
  if (text === undefined || text === '') return undefined;
  if (!DESTINATION_KINDS.includes(text as DestinationKind)) {
    throw new CliError(`invalid destination kind "${text}": one of ${DESTINATION_KINDS.join(', ')}`);
  }
  return text as DestinationKind;
}

interface ProductOptions {
  name?: string; price?: string; cost?: string; group?: string; dest?: string;
  inactive?: boolean; active?: boolean; qualification?: string;
}

export function registerProductCommands(program: Command, hooks: CliHooks): void {
  const product = program.command('product').description('the product catalogue');
  const g = () => program.opts<GlobalOptions>();

  product
    .command('add <code>')
    .description('add a product (name and price required), or change the given fields of an existing one')
    .option('--name <name>', 'name shown to resellers')
    .option('--price <price>', 'base price: what a top-level agent pays before markup')
    .option('--cost <cost>', 'supplier cost (new products: 0, unknown)')
    .option('--group <group>', 'group or operator, e.g. TELKOMSEL')
    .option('--dest <kind>', `destination kind: ${DESTINATION_KINDS.join(' | ')} (new products: msisdn)`)
    .option('--inactive', 'switch it off')
    .option('--active', 'switch it on again')
    .option('--qualification <id>', 'only agents holding this qualification see and buy it ("none" lifts it)')
    .action((code: string, o: ProductOptions) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        if (o.active && o.inactive) throw new CliError('--active and --inactive exclude each other');
        const r = upsertProduct(ctx, {
          code, name: o.name, group: o.group, destKind: destKind(o.dest),
          active: o.inactive ? false : o.active ? true : undefined,
          qualification: o.qualification === undefined ? undefined : o.qualification.toLowerCase() === 'none' ? null : o.qualification,
          price: o.price === undefined ? undefined : amountArg(o.price, config.currency, 'price'),
          cost: o.cost === undefined ? undefined : amountArg(o.cost, config.currency, 'cost'),
        });
        if (!r.ok) throw new CliError(refusalText(r.code, r.detail));
        console.log(`product ${r.value.code} saved: price ${toDecimalText(r.value.base_price, config.currency)}`);
      }),
    );

  product
    .command('list')
    .description('list the catalogue')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const rows = listProducts(ctx);
        if (o.json) return console.log(JSON.stringify(rows, null, 2));
        const money = (v: number) => toDecimalText(v, config.currency);
        console.log(table(
          ['code', 'name', 'group', 'price', 'cost', 'dest', 'active'],
          rows.map((p) => [p.code, p.name, p.product_group, money(p.base_price), money(p.cost), p.dest_kind, p.active ? 'yes' : 'no']),
        ));
      }),
    );

  product
    .command('import <file>')
    .description('add or update products from a CSV file with header: code,name,price[,cost,group,dest,active,qualification]')
    .action((file: string) =>
      withApp(g(), hooks, ({ ctx, config }) => {
        const items = readCsv(file).map((row, i): ProductInput => {
          const line = i + 2;
          const need = (k: string) => {
            const v = row[k];
            if (v === undefined || v === '') throw new CliError(`${file}:${line}: column "${k}" is empty`);
            return v;
          };
          const at = (what: string) => `${file}:${line} ${what}`;
          const cell = (k: string) => (row[k] === undefined || row[k] === '' ? undefined : row[k]);
          const active = cell('active');
          // An empty or missing cell leaves that field of an existing product as it is.
          return {
            code: need('code'), name: cell('name'), group: cell('group'),
            price: cell('price') === undefined ? undefined : amountArg(cell('price')!, config.currency, at('price')),
            cost: cell('cost') === undefined ? undefined : amountArg(cell('cost')!, config.currency, at('cost')),
            destKind: destKind(cell('dest')),
            active: active === undefined ? undefined : !['0', 'no', 'false'].includes(active.toLowerCase()),
            qualification: cell('qualification'),
          };
        });
        const r = importProducts(ctx, items);
        if (!r.ok) throw new CliError(`${file}: ${refusalText(r.code, r.detail)} (nothing was imported)`);
        console.log(`${r.value} products imported`);
      }),
    );
}

function readCsv(file: string): Array<Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    return parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new CliError(`${file}: not valid CSV (${(e as Error).message})`);
  }
}
