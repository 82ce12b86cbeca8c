import { describe, expect, it } from 'vitest';
import { assertNever, commandToJson, maskCommand, type Command } from '../../src/domain/commands.js';

describe('maskCommand / commandToJson', () => {
  const gp: Command = { kind: 'GantiPin', newPin: '246810', pin: '135790' };

  it('masks the PIN and the new PIN, keeping the other fields', () => {
    expect(maskCommand(gp)).toEqual({ kind: 'GantiPin', newPin: '****', pin: '****' });
    const buy: Command = { kind: 'Transaksi', product: 'S10', dest: '08123456789', counter: 2, pin: '135790' };
    expect(maskCommand(buy)).toEqual({ ...buy, pin: '****' });
  });

  it('does not touch the original', () => {
    maskCommand(gp);
    expect(gp.pin).toBe('135790');
  });

  it('prints no PIN', () => {
    const json = commandToJson(gp, 2);
    expect(json).not.toContain('135790');
    expect(json).not.toContain('246810');
    expect(JSON.parse(json)).toMatchObject({ kind: 'GantiPin' });
  });

  it('leaves PIN-less commands alone', () => {
    expect(maskCommand({ kind: 'Menu' })).toEqual({ kind: 'Menu' });
    expect(maskCommand({ kind: 'Daftar', name: 'BUDI', refcode: 'OX1' })).toEqual({ kind: 'Daftar', name: 'BUDI', refcode: 'OX1' });
  });
});

describe('assertNever', () => {
  it('throws for a value that should not exist', () => {
    expect(() => assertNever('Foo' as never, 'command kind')).toThrow('unexpected command kind: "Foo"');
  });
});
