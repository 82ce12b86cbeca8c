import { describe, expect, it } from 'vitest';
import { normalizeDestination } from '../../src/domain/destination.js';
import { localMsisdn, normalizeMsisdn } from '../../src/domain/msisdn.js';
import { startOfLocalDay, windowStart } from '../../src/domain/sale-window.js';

describe('phone numbers', () => {
  it('normalizes 08…, +62…, 62… and 0062… to one sender', () => {
    for (const n of ['081234567890', '+6281234567890', '6281234567890', '006281234567890', '0812-3456-7890']) {
      expect(normalizeMsisdn(n)).toBe('6281234567890');
      expect(localMsisdn(n)).toBe('081234567890');
    }
    for (const n of ['1234', '0212345678', '+1 555 0100', '08123', 'tg:1']) expect(normalizeMsisdn(n)).toBeNull();
  });

  it('checks destinations by product kind', () => {
    expect(normalizeDestination('6281234567890', 'msisdn')).toBe('081234567890');
    expect(normalizeDestination('12345678901', 'meter')).toBe('12345678901');
    expect(normalizeDestination('081234567890', 'meter')).toBe('081234567890');
    expect(normalizeDestination('1234', 'meter')).toBeNull();
    expect(normalizeDestination('ABC123', 'any')).toBe('ABC123');
  });
});

describe('the same-sale window', () => {
  it('a business day starts at local midnight (Asia/Jakarta is UTC+7)', () => {
    const at = Date.UTC(2026, 10, 22, 3, 0);
    expect(startOfLocalDay(at, 'Asia/Jakarta')).toBe(Date.UTC(2026, 10, 21, 17, 0));
    expect(startOfLocalDay(Date.UTC(2026, 10, 22, 16, 59), 'Asia/Jakarta')).toBe(Date.UTC(2026, 10, 21, 17, 0));
    expect(startOfLocalDay(Date.UTC(2026, 10, 22, 17, 0), 'Asia/Jakarta')).toBe(Date.UTC(2026, 10, 22, 17, 0));
  });

  it('holds across a daylight-saving change', () => {
    // 2026-03-08 in New York: clocks jump from 02:00 EST to 03:00 EDT; midnight was 05:00 UTC.
    expect(startOfLocalDay(Date.UTC(2026, 2, 8, 20, 0), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5, 0));
  });

  it('durations and off', () => {
    expect(windowStart(10_000_000, { kind: 'duration', ms: 3_600_000 }, 'UTC')).toBe(6_400_000);
    expect(windowStart(10_000_000, { kind: 'off' }, 'UTC')).toBeNull();
  });
});
