// Large configurations: the start rule spills subtrees into rules of their own before
// Chevrotain's occurrence indices (0-255 per rule) run out.
import { describe, expect, it } from 'vitest';
import { commandOf, issueOf, languageOf } from './grammar-fixture.js';

describe('FormatParser on large format sets', () => {
  it('compiles 300 keyword formats of one key and parses each', () => {
    const formats = Array.from({ length: 300 }, (_, i) => `SAL${i}X.<pin>`);
    const lang = languageOf({ requests: { CekSaldo: { formats, aliases: [] } } });
    for (const i of [0, 1, 150, 299]) expect(commandOf(lang, `sal${i}x.1234`)).toEqual({ kind: 'CekSaldo', pin: '1234' });
    expect(issueOf(lang, 'SAL7X')).toMatchObject({ code: 'BAD_FORMAT', key: 'CekSaldo', example: 'SAL7X.1234' });
  });

  it('compiles many formats sharing a long prefix', () => {
    const formats = Array.from({ length: 120 }, (_, i) => `TRF.<downline>.K${i}.<amount>.<pin>`);
    const lang = languageOf({ requests: { Transfer: { formats } } });
    expect(commandOf(lang, 'TRF.OX0003.K119.5000.1234')).toEqual({ kind: 'Transfer', downline: 'OX0003', amount: '5000', pin: '1234' });
    expect(commandOf(lang, 'TRF.OX0003.K0.5000.1234')).toMatchObject({ kind: 'Transfer' });
    expect(issueOf(lang, 'TRF.OX0003.K7.1234')).toMatchObject({ code: 'BAD_FORMAT', key: 'Transfer' });
  });
});
