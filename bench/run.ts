/**
 * `npm run bench`: every benchmark of the project in one run, figures printed as a table.
 * Speed is measured here, never in unit tests.
 */
import { benchEngine } from './engine-bench.js';
import { benchGatewayRss } from './gateway-rss-bench.js';
import { benchParser } from './parser-bench.js';
import { benchPipeline } from './pipeline-bench.js';
import { benchSmpp } from './smpp-bench.js';
import { fmt } from './bench-util.js';

type Figures = Record<string, number | string>;

const suites: Array<[string, () => Promise<Figures>]> = [
  ['engine (issue 2)', () => benchEngine()],
  ['parser (issue 3)', () => benchParser()],
  ['pipeline (issue 4)', () => benchPipeline()],
  ['gateway memory (issue 4)', () => benchGatewayRss()],
  ['smpp (issue 5)', () => benchSmpp()],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  const figures = await run();
  console.log(`\n## ${name}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(58)} ${typeof v === 'number' ? fmt(v) : v}`);
}
