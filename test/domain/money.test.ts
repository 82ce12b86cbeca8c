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

  it('percentages round half up to a whole minor unit', () => {
    expect(percentOf(10_005, '10')).toBe(1_001);
    expect(percentOf(10_004, '10')).toBe(1_000);
    expect(percentOf(333, '33.3333')).toBe(111);
  });

  it('refuses to lose precision', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
