import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadLink, type Methods } from '../../../src/gateway/core-thread/thread-link.js';

let ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports) p.close();
  ports = [];
});

/**
 * Two ends of a real MessageChannel (structured clone, as between threads), each counting its
 * messages: `a` calls what `b` serves (`S`).
 */
function pair<S extends Methods>() {
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
  return { a: new ThreadLink<S>(count(port1, 'a')), b: new ThreadLink<Methods, S>(count(port2, 'b')), posted };
}

describe('ThreadLink', () => {
  it('answers calls with values, promised values and errors that keep their name and code', async () => {
    const { a, b } = pair<{
      add(x: number, y: number): number;
      later(s: string): Promise<string>;
      fails(): never;
      rejects(): Promise<never>;
      missing(): void;
    }>();
    b.serve({
      missing: undefined as never, // not served: the other side says so
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
    const { a, b, posted } = pair<{ echo(n: number): number }>();
    b.serve({ echo: (n: number) => n });
    const got = await Promise.all(Array.from({ length: 100 }, (_, i) => a.call('echo', i)));
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(posted).toEqual({ a: 1, b: 1 });
  });

  it('delivers the events of a message before its results', async () => {
    const { a, b } = pair<{ handle(): string }>();
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

  it('a value that cannot cross fails its own call only, not the others sent with it', async () => {
    const { a, b } = pair<{ ok(): number; fn(): () => number; take(x: unknown): string }>();
    b.serve({ ok: () => 1, fn: () => () => 1, take: () => 'taken' });
    const [ok, fn, badArg, goodArg] = await Promise.allSettled([
      a.call('ok'), a.call('fn'), a.call('take', () => 2), a.call('take', 3),
    ]);
    expect(ok).toEqual({ status: 'fulfilled', value: 1 });
    expect(fn).toMatchObject({ status: 'rejected', reason: { name: 'DataCloneError' } });
    expect(badArg).toMatchObject({ status: 'rejected', reason: { name: 'DataCloneError' } });
    expect(goodArg).toEqual({ status: 'fulfilled', value: 'taken' });
  });

  it('fails every waiting and later call once the other side is gone', async () => {
    const { a, b } = pair<{ never(): Promise<void> }>();
    b.serve({ never: () => new Promise<void>(() => {}) });
    const waiting = a.call('never');
    await new Promise((r) => setTimeout(r, 20)); // the call went out
    a.fail(new Error('core thread exited (1)'));
    await expect(waiting).rejects.toThrow('core thread exited (1)');
    await expect(a.call('never')).rejects.toThrow('core thread exited (1)');
  });
});
