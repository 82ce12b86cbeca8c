import { describe, expect, it } from 'vitest';
import { GrammarError } from '../../../src/grammar/grammar-error.js';
import {
  buildReplyCatalogue,
  fieldsOf,
  loadTemplates,
  shippedTemplates,
  templatesUrl,
} from '../../../src/grammar/replies/reply-catalogue.js';
import { REFUSAL_CODES, REPLY_KEYS, type ReplyKey } from '../../../src/grammar/replies/reply-keys.js';
import type { RefusalCode as EngineRefusalCode } from '../../../src/domain/result.js';
import { renderReply } from '../../../src/grammar/replies/render-reply.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir.js';
import { pathToFileURL } from 'node:url';

describe('shipped reply templates', () => {
  it.each(['id', 'en'] as const)('%s defines every key, each SMS-sized', (language) => {
    const templates = shippedTemplates(language);
    expect(Object.keys(templates).sort()).toEqual([...REPLY_KEYS].sort());
    for (const key of REPLY_KEYS) expect(templates[key].length, key).toBeLessThanOrEqual(160);
  });

  it('uses the same [fields] in both languages, key by key', () => {
    const id = shippedTemplates('id');
    const en = shippedTemplates('en');
    for (const key of REPLY_KEYS) expect([...fieldsOf(en[key])].sort(), key).toEqual([...fieldsOf(id[key])].sort());
  });

  it('has a template for every engine refusal code, with the stable names', () => {
    expect(REFUSAL_CODES).toContain('AUTH.DENIED');
    expect(REFUSAL_CODES).toContain('SALE.DUPLICATE');
    for (const code of ['AUTH.LOCKED', 'PRODUCT.UNKNOWN', 'PRODUCT.INACTIVE', 'PRODUCT.NOT_QUALIFIED', 'SALE.INVALID_DESTINATION',
      'SALE.INSUFFICIENT_BALANCE', 'AGENT.UNKNOWN', 'AGENT.NOT_DOWNLINE', 'AGENT.NOT_RESELLER', 'MARKUP.ABOVE_MAX', 'MARKUP.NEGATIVE',
      'MARKUP.WILDCARD_NOT_SELF', 'TRANSFER.INVALID_AMOUNT', 'PIN.INVALID_NEW', 'RATE.LIMITED', 'INTERNAL.ERROR'] as const) {
      expect(REFUSAL_CODES).toContain(code);
    }
    for (const code of REFUSAL_CODES) expect(shippedTemplates('id')[`error.${code}`]).toBeTruthy();
  });

  it('covers the engine refusals (checked by the type above)', () => {
    expect(everyEngineRefusalHasATemplate).toBe(true);
  });

  it('never says whether the sender or the PIN was wrong', () => {
    for (const language of ['id', 'en'] as const) {
      expect(shippedTemplates(language)['error.AUTH.DENIED']).not.toMatch(/pin|nomor|number|sender|pengirim/i);
    }
  });

  it('tells the reseller how to add a counter on a duplicate sale', () => {
    const text = renderReply(buildReplyCatalogue('id'), 'error.SALE.DUPLICATE', {
      kodeproduk: 'S10',
      tujuan: '08123456789',
      contoh: 'S10.08123456789.2.PIN',
    });
    expect(text).toBe('S10 ke 08123456789 sudah ada hari ini. Untuk isi lagi tambah counter: S10.08123456789.2.PIN');
  });
});

// Compile-time: every refusal the engine can return has a template (src/domain/result.ts).
type Missing = Exclude<`error.${EngineRefusalCode}`, ReplyKey>;
const everyEngineRefusalHasATemplate: Missing extends never ? true : Missing = true;

describe('loading a template file', () => {
  const dir = tempDir('pulsagate-replies-');

  it('refuses a file missing keys', () => {
    const path = join(dir.path, 'replies.xx.yaml');
    writeFileSync(path, '"CekSaldo.ok": "Saldo [saldo]"\n');
    expect(() => loadTemplates(pathToFileURL(path))).toThrow(/missing reply keys: Transaksi.processing/);
    dir.cleanup();
  });

  it('resolves the shipped files from the package root', () => {
    expect(templatesUrl('id').pathname).toMatch(/\/grammar\/replies\.id\.yaml$/);
  });
});

describe('overrides and rendering', () => {
  it('applies an override and renders fields, missing ones as empty', () => {
    const catalogue = buildReplyCatalogue('id', { 'CekSaldo.ok': 'Saldo Anda [saldo] (komisi [komisi])' });
    expect(renderReply(catalogue, 'CekSaldo.ok', { saldo: '50.000', komisi: 1200 })).toBe('Saldo Anda 50.000 (komisi 1200)');
    expect(renderReply(catalogue, 'CekSaldo.ok', { saldo: '50.000' })).toBe('Saldo Anda 50.000 (komisi )');
    expect(renderReply(catalogue, 'Transaksi.success', { sn: 'ABC' })).toContain('SN: ABC');
  });

  it('allows an empty template (no reply text)', () => {
    expect(renderReply(buildReplyCatalogue('en', { 'error.AUTH.DENIED': '' }), 'error.AUTH.DENIED')).toBe('');
  });

  it('refuses unknown keys and fields with GrammarError', () => {
    expect(() => buildReplyCatalogue('id', { 'Nope.ok': 'x' })).toThrow(GrammarError);
    expect(() => buildReplyCatalogue('id', { 'CekSaldo.ok': '[saldo] [harga]' })).toThrow('unknown field [harga]');
  });

  it('keeps text that only looks like a field', () => {
    const catalogue = buildReplyCatalogue('id', { 'CekSaldo.ok': 'Saldo [saldo] [OK] [ ]' });
    expect(renderReply(catalogue, 'CekSaldo.ok', { saldo: 5 })).toBe('Saldo 5 [OK] [ ]');
  });
});
