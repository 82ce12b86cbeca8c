import { expect, it } from 'vitest';
import type { ReplyCatalogue } from '../../../src/grammar/replies/reply-catalogue.js';
import { renderReply } from '../../../src/grammar/replies/render-reply.js';
import type { ReplyKey } from '../../../src/grammar/replies/reply-keys.js';

const KEY = 'Saldo.ok' as ReplyKey;
const catalogue = (template: string) => ({ language: 'id', templates: { [KEY]: template } }) as unknown as ReplyCatalogue;

it('fills every [field], adjacent or repeated; a field without a value is empty; other brackets stay', () => {
  const c = catalogue('[a][b] x [a] [MISSING] [c]. [d]');
  expect(renderReply(c, KEY, { a: 'A', b: 0, d: 'D' })).toBe('A0 x A [MISSING] . D');
  expect(renderReply(catalogue('no fields'), KEY, { a: 1 })).toBe('no fields');
  expect(renderReply(catalogue('[a]'), KEY)).toBe('');
});

it('renders the same template again with other values (the cut template is reused, not its values)', () => {
  const c = catalogue('Saldo [saldo].');
  expect(renderReply(c, KEY, { saldo: '1.000' })).toBe('Saldo 1.000.');
  expect(renderReply(c, KEY, { saldo: '2.000' })).toBe('Saldo 2.000.');
});
