import { expect, it } from 'vitest';
import { deliveries } from '../../../src/gateway/core-thread/remote-core.js';

// The dispatcher confirms replies one by one; those of one turn cross to the core as one call.

const turn = () => new Promise<void>((r) => setImmediate(r));

it('confirmations of one turn go as one call, and each caller waits for it', async () => {
  const sent: number[][] = [];
  let finish!: () => void;
  const { confirm } = deliveries((ids) => {
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
  const { confirm } = deliveries(async (ids) => {
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

it('closing waits for the confirmations still gathering: they cross ahead of the close', async () => {
  const calls: string[] = [];
  const { confirm, settled } = deliveries(async (ids) => void calls.push(`delivered ${ids.join(',')}`));
  await settled(); // nothing made yet
  void confirm([1]);
  void confirm([2]);
  await settled();
  calls.push('close');
  expect(calls).toEqual(['delivered 1,2', 'close']);
  const failing = deliveries(async () => {
    throw new Error('gone');
  });
  void failing.confirm([3]).catch(() => {});
  await expect(failing.settled()).resolves.toBeUndefined(); // a failed one does not hold the close
});
