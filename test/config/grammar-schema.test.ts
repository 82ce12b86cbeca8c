import { describe, expect, it } from 'vitest';
import { grammarConfigSchema, repliesConfigSchema } from '../../src/config/grammar-schema.js';

describe('grammar config schema', () => {
  it('defaults an absent section', () => {
    expect(grammarConfigSchema.parse(undefined)).toEqual({ separators: ['.'], language: 'id', requests: {} });
    expect(repliesConfigSchema.parse(undefined)).toEqual({});
  });

  it('defaults enabled to true per request override', () => {
    const parsed = grammarConfigSchema.parse({ requests: { GantiPin: { formats: ['GP.<pin>.<newpin>'] } } });
    expect(parsed.requests.GantiPin).toEqual({ formats: ['GP.<pin>.<newpin>'], enabled: true });
  });

  it.each([
    [{ separators: [] }, 'separators'],
    [{ separators: ['##'] }, 'separators'],
    [{ language: 'fr' }, 'language'],
    [{ requests: { Nope: {} } }, 'requests'],
    [{ requests: { CekSaldo: { formats: [] } } }, 'requests'],
    [{ requests: { CekSaldo: { enabled: 'no' } } }, 'requests'],
    [{ requests: { CekSaldo: { format: ['SAL.<pin>'] } } }, 'requests'],
    [{ separator: ['.'] }, ''],
  ])('refuses %j at %s', (input, path) => {
    const result = grammarConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0] ?? '').toBe(path);
  });

  it('refuses non-text reply overrides', () => {
    expect(repliesConfigSchema.safeParse({ 'CekSaldo.ok': 5 }).success).toBe(false);
  });
});
