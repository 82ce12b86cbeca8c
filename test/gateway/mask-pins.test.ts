import { expect, it } from 'vitest';
import { maskPins } from '../../src/gateway/mask-pins.js';

it('masks the PIN and new PIN of a parsed command as whole fields only', () => {
  expect(maskPins('S10.081212341234.1234', { kind: 'Transaksi', product: 'S10', dest: '081212341234', pin: '1234' })).toBe(
    'S10.081212341234.****',
  );
  expect(maskPins('GP.5678.1234', { kind: 'GantiPin', newPin: '5678', pin: '1234' })).toBe('GP.****.****');
  expect(maskPins('MENU', { kind: 'Menu' })).toBe('MENU');
});

it('masks every run of 4 or more digits when the message did not parse (a PIN may be glued to a number)', () => {
  expect(maskPins('S10.0812345678901.12345', undefined)).toBe('S10.****.****');
  expect(maskPins('S10.0812345678902222', undefined)).toBe('S10.****');
  expect(maskPins('HARGA 1234 x 99999999 y 123', undefined)).toBe('HARGA **** x **** y 123');
});

it('masks a PIN wherever it stands alone, however often, and never inside a longer word or number', () => {
  const cmd = { kind: 'CekSaldo', pin: '1234' } as const;
  expect(maskPins('1234', cmd)).toBe('****');
  expect(maskPins('SAL 1234 1234.x1234 12345 01234 1234', cmd)).toBe('SAL **** ****.x1234 12345 01234 ****');
  expect(maskPins('SAL.a1234b.1234', cmd)).toBe('SAL.a1234b.****');
  expect(maskPins('12341234', cmd)).toBe('12341234');
  expect(maskPins('SAL.*.1 x*.1', { kind: 'CekSaldo', pin: '*.1' })).toBe('SAL.**** x*.1'); // regex characters are plain text
});
