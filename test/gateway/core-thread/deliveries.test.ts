import { expect, it } from 'vitest';
import { deliveries } from '../../../src/gateway/core-thread/remote-core.js';

// The dispatcher confirms replies one by one; those of one turn cross to the core as one call.

const turn = () => new Promise<void>((r) => setImmediate(r));

it('confirmations of one turn go as one call, and each caller waits for it', async () => {
  const sent: number[][] = [];
  let finish!: () => void;
  const confirm = deliveries((ids) => {
    sent.push(ids);
    return new Promise<void>((r) => (finish = r));
  });
  let settled = 0;
  const waits = [[1], [2, 3], [], [4]].map((ids) => confirm(ids).then(() => settled++));
  await turn();
  await turn();
  expect(sent).toEqual([[1, 2, 3, 4]]);
  expect(settled).toBe(1); // only the empty one: the others wait for the core
  finish();
  await Promise.all(waits);
  expect(settled).toBe(4);
});

it('a confirmation made once the call has left goes in the next one; a failure fails its own turn only', async () => {
  const sent: number[][] = [];
  const confirm = deliveries(async (ids) => {
    sent.push(ids);
    if (ids.includes(7)) throw new Error('database busy');
  });
  const first = expect(confirm([7])).rejects.toThrow('database busy');
  await turn();
  const second = confirm([8]);
  await first;
  await expect(second).resolves.toBeUndefined();
  expect(sent).toEqual([[7], [8]]);
});
