/**
 * `npm run bench`: every benchmark of the project, each suite in a fresh node process (so one
 * suite's heap and caches do not weigh on the next), figures printed as a table.
 * `npm run bench -- <name>` runs only the suites whose name contains <name>.
 * Speed is measured here, never in unit tests.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt } from './bench-util.js';
import { benchEngine } from './engine-bench.js';
import { benchGatewayRss } from './gateway-rss-bench.js';
import { benchParser } from './parser-bench.js';
import { benchPipeline } from './pipeline-bench.js';
import { benchSmpp } from './smpp-bench.js';

type Figures = Record<string, number | string>;

const suites: Array<[string, () => Promise<Figures>]> = [
  ['engine (issue 2)', () => benchEngine()],
  ['parser (issue 3)', () => benchParser()],
  ['pipeline (issue 4)', () => benchPipeline()],
  ['gateway memory (issue 4)', () => benchGatewayRss()],
  ['smpp (issue 5)', () => benchSmpp()],
];

const [filter = '', mode] = process.argv.slice(2);
if (mode === '--in-process') {
  const suite = suites.find(([name]) => name === filter)!;
  const figures = await suite[1]();
  console.log(`\n## ${suite[0]}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(58)} ${typeof v === 'number' ? fmt(v) : v}`);
} else {
  for (const [name] of suites) {
    if (filter && !name.includes(filter)) continue;
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name, '--in-process'], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
}
