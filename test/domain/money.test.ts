import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, percentOf, sumMinor, toDecimalText } from '../../src/domain/money.js';

const IDR = { code: 'IDR', decimals: 0 };
const USD = { code: 'USD', decimals: 2 };

describe('money', () => {
  it('parses decimal text into integer minor units, refusing extra decimals and junk', () => {
    expect(parseAmount('12500', IDR)).toBe(12_500);
    expect(parseAmount('12500.00', IDR)).toBe(12_500);
    expect(parseAmount('12500.5', IDR)).toBeNull();
    expect(parseAmount('0.1', USD)).toBe(10);
    expect(parseAmount('0.30', USD)).toBe(30);
    expect(parseAmount('1e3', IDR)).toBeNull();
    expect(parseAmount('12,5', USD)).toBeNull();
    expect(parseAmount('', IDR)).toBeNull();
    expect(parseAmount('99999999999999999999', IDR)).toBeNull();
  });

  it('0.1 + 0.2 is 0.3 when amounts are minor units', () => {
    expect(toDecimalText(sumMinor([parseAmount('0.1', USD)!, parseAmount('0.2', USD)!]), USD)).toBe('0.30');
  });

  it('formats with Indonesian or English grouping', () => {
    expect(formatAmount(1_234_567, IDR)).toBe('1.234.567');
    expect(formatAmount(1_234_567, IDR, 'en')).toBe('1,234,567');
    expect(formatAmount(-1_050, USD, 'id')).toBe('-10,50');
    expect(formatAmount(0, IDR)).toBe('0');
  });

  it('groups the digits of any amount as the grouping RegExp did, in both languages', () => {
    const reference = (minor: number, c: typeof IDR, language: 'id' | 'en') => {
      const abs = String(Math.abs(minor)).padStart(c.decimals + 1, '0');
      const digits = c.decimals === 0 ? abs : abs.slice(0, -c.decimals);
      const frac = c.decimals === 0 ? '' : abs.slice(-c.decimals);
      const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'id' ? '.' : ',');
      return (minor < 0 ? '-' : '') + grouped + (frac ? (language === 'id' ? ',' : '.') + frac : '');
    };
    fc.assert(fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -10_000_000, max: 10_000_000 })), fc.constantFrom(IDR, USD), fc.constantFrom('id' as const, 'en' as const),
      (minor, c, language) => formatAmount(minor, c, language) === reference(minor, c, language)), { numRuns: 5_000 });
    for (const minor of [1, 12, 123, 1_234, 12_345, 123_456, 1_234_567, Number.MAX_SAFE_INTEGER]) {
      expect(formatAmount(minor, IDR)).toBe(reference(minor, IDR, 'id'));
    }
  });

  it('percentages round half up to a whole minor unit', () => {
    expect(percentOf(10_005, '10')).toBe(1_001);
    expect(percentOf(10_004, '10')).toBe(1_000);
    expect(percentOf(333, '33.3333')).toBe(111);
  });

  it('refuses to lose precision', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
