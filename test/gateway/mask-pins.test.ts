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
