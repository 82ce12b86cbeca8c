/** Small helpers shared by the benchmarks: timing, medians, a seeded random source. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function timeIt(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export { seeded } from '../test/support/seeded.js';

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
