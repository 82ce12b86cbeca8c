import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';

const parse = (channels: Record<string, unknown>, env: Record<string, string> = {}) =>
  parseConfig({ channels }, { file: 'pulsagate.yaml', env, cwd: '/srv/gw' });

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('channels.telegram', () => {
  it('is off by default, polling Telegram', () => {
    const t = parse({}).channels.telegram;
    expect(t).toMatchObject({ enabled: false, token: '', apiRoot: 'https://api.telegram.org', mode: 'polling', webhook: undefined });
    expect(t.polling).toEqual({ limit: 100, timeoutSeconds: 30 });
  });

  it('reads the token from the variable tokenEnv names, and drops a trailing / of apiRoot', () => {
    const t = parse({ telegram: { enabled: true, tokenEnv: 'TELEGRAM_TOKEN', apiRoot: 'http://127.0.0.1:8081/' } }, { TELEGRAM_TOKEN: '1:ABC' });
    expect(t.channels.telegram).toMatchObject({ token: '1:ABC', apiRoot: 'http://127.0.0.1:8081' });
  });

  it('enabled without a token, or with tokenEnv unset, names the key', () => {
    expect(problemsOf(() => parse({ telegram: { enabled: true } }))).toEqual([
      { path: 'channels.telegram.token', message: expect.stringMatching(/no token/) },
    ]);
    expect(problemsOf(() => parse({ telegram: { enabled: true, tokenEnv: 'TELEGRAM_TOKEN' } }))).toContainEqual({
      path: 'channels.telegram.tokenEnv', message: 'environment variable TELEGRAM_TOKEN is not set',
    });
  });

  it('a webhook needs its url and a secret (inline or from the environment)', () => {
    expect(problemsOf(() => parse({ telegram: { enabled: true, token: '1:A', mode: 'webhook' } })).map((p) => p.path)).toEqual([
      'channels.telegram.webhook.url', 'channels.telegram.webhook.secret',
    ]);
    const c = parse(
      { telegram: { enabled: true, token: '1:A', mode: 'webhook', webhook: { url: 'https://gw.example/tg/x', secretEnv: 'TG_SECRET' } } },
      { TG_SECRET: 'abc_DEF-1' },
    );
    expect(c.channels.telegram.webhook).toEqual({ url: 'https://gw.example/tg/x', path: '/tg/x', secret: 'abc_DEF-1', host: '127.0.0.1', port: 8443 });
  });

  it('refuses an unknown key', () => {
    expect(problemsOf(() => parse({ telegram: { tokne: 'x' } }))).toEqual([
      { path: 'channels.telegram', message: 'unknown key(s): tokne' },
    ]);
  });
});

describe('channels.whatsapp', () => {
  it('is off by default, on /usr/bin/chromium, with its session under data/ of the working directory', () => {
    expect(parse({}).channels.whatsapp).toMatchObject({
      enabled: false, chromiumPath: '/usr/bin/chromium', sessionDir: '/srv/gw/data/whatsapp', clientId: 'pulsagate',
      reconnect: { initialMs: 2_000, maxMs: 300_000 }, catchUp: { windowMs: 86_400_000, limit: 50 },
    });
  });

  it('refuses a clientId LocalAuth would refuse', () => {
    expect(problemsOf(() => parse({ whatsapp: { clientId: 'a b' } }))[0]!.path).toBe('channels.whatsapp.clientId');
  });
});
