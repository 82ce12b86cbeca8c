import { describe, expect, it } from 'vitest';
import { addressOf, normaliseSender, TON } from '../../../src/channels/smpp/addresses.js';
import { isReceipt, normaliseMessageId, parseReceipt } from '../../../src/channels/smpp/delivery-receipt.js';

describe('sender normalisation by TON (research §4.3)', () => {
  it.each([
    ['6281234567890', TON.INTERNATIONAL, '6281234567890'],
    ['+6281234567890', TON.INTERNATIONAL, '6281234567890'],
    ['081234567890', TON.NATIONAL, '6281234567890'],
    ['81234567890', TON.NATIONAL, '6281234567890'],
    ['0062 812-3456-7890', TON.UNKNOWN, '6281234567890'],
    ['+62 (812) 3456.7890', TON.UNKNOWN, '6281234567890'],
    ['081234567890', TON.UNKNOWN, '6281234567890'],
    ['6591234567', TON.INTERNATIONAL, '6591234567'],
    ['9999', TON.UNKNOWN, '9999'],
    ['PULSA', TON.ALPHANUMERIC, 'PULSA'],
  ])('%s with TON %i is %s', (addr, ton, expected) => {
    expect(normaliseSender(addr, ton)).toBe(expected);
  });

  it('addresses a reply: numbers as TON 1 / NPI 1 without "+", short codes as unknown, names as alphanumeric', () => {
    expect(addressOf('6281234567890')).toEqual({ addr: '6281234567890', ton: 1, npi: 1 });
    expect(addressOf('+6281234567890')).toEqual({ addr: '6281234567890', ton: 1, npi: 1 });
    expect(addressOf('9999')).toEqual({ addr: '9999', ton: 0, npi: 1 });
    expect(addressOf('')).toEqual({ addr: '', ton: 0, npi: 0 });
    expect(addressOf('PULSAGATE-ID')).toEqual({ addr: 'PULSAGATE-I', ton: 5, npi: 0 });
  });
});

describe('delivery receipts (SMPP 3.4 §5.2.12, Appendix B)', () => {
  it('recognises receipts and intermediate notifications by esm_class', () => {
    expect([0x00, 0x04, 0x20, 0x40, 0x44, 0x08].map(isReceipt)).toEqual([false, true, true, false, true, false]);
  });

  it('prefers the TLVs, and reads the text when they are absent', () => {
    const text = 'id:0001005 sub:001 dlvrd:001 submit date:2611220300 done date:2611220301 stat:UNDELIV err:075 text:';
    expect(parseReceipt({ receiptedMessageId: 'A1', messageState: 2, text })).toEqual({ messageId: 'a1', state: 'DELIVRD', error: '075' });
    expect(parseReceipt({ text })).toEqual({ messageId: '1005', state: 'UNDELIV', error: '075' });
    expect(parseReceipt({ text: 'id:77 stat:DELIVRD err:000' })).toEqual({ messageId: '77', state: 'DELIVRD', error: null });
    expect(parseReceipt({ text: 'no id here' })).toBeNull();
  });

  it('compares message ids without case or leading zeros', () => {
    expect(normaliseMessageId(' 00ABc ')).toBe('abc');
    expect(normaliseMessageId('000')).toBe('0');
  });
});
