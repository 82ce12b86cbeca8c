import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadLink } from '../../../src/gateway/core-thread/thread-link.js';

let ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports) p.close();
  ports = [];
});

/** Two ends of a real MessageChannel (structured clone, as between threads), each counting its messages. */
function pair() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const posted = { a: 0, b: 0 };
  const count = (port: MessagePort, side: 'a' | 'b') => {
    const post = port.postMessage.bind(port);
    port.postMessage = (m: unknown) => {
      posted[side]++;
      post(m);
    };
    return port;
  };
  return { a: new ThreadLink(count(port1, 'a')), b: new ThreadLink(count(port2, 'b')), posted };
}

describe('ThreadLink', () => {
  it('answers calls with values, promised values and errors that keep their name and code', async () => {
    const { a, b } = pair();
    b.serve({
      add: (x: number, y: number) => x + y,
      later: async (s: string) => `${s}!`,
      fails: () => {
        throw Object.assign(new Error('disk full'), { name: 'SqliteError', code: 'SQLITE_FULL' });
      },
      rejects: async () => Promise.reject(new Error('no')),
    });
    expect(await a.call('add', 2, 3)).toBe(5);
    expect(await a.call('later', 'ok')).toBe('ok!');
    await expect(a.call('fails')).rejects.toMatchObject({ name: 'SqliteError', message: 'disk full', code: 'SQLITE_FULL' });
    await expect(a.call('rejects')).rejects.toThrow('no');
    await expect(a.call('missing')).rejects.toThrow('no method missing');
  });

  it('sends whatever one turn of the loop queued as one message each way', async () => {
    const { a, b, posted } = pair();
    b.serve({ echo: (n: number) => n });
    const got = await Promise.all(Array.from({ length: 100 }, (_, i) => a.call<number>('echo', i)));
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(posted).toEqual({ a: 1, b: 1 });
  });

  it('delivers events before the results posted after them', async () => {
    const { a, b } = pair();
    const seen: string[] = [];
    a.on<string>('queued', (row) => seen.push(`event ${row}`));
    b.serve({
      handle: () => {
        b.emit('queued', 'r1');
        return 'done';
      },
    });
    seen.push(`result ${await a.call('handle')}`);
    expect(seen).toEqual(['event r1', 'result done']);
  });

  it('fails every waiting and later call once the other side is gone', async () => {
    const { a, b } = pair();
    b.serve({ never: () => new Promise(() => {}) });
    const waiting = a.call('never');
    await new Promise((r) => setTimeout(r, 20)); // the call went out
    a.fail(new Error('core thread exited (1)'));
    await expect(waiting).rejects.toThrow('core thread exited (1)');
    await expect(a.call('never')).rejects.toThrow('core thread exited (1)');
  });
});
