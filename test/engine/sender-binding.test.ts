import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentSummary } from '../../src/engine/agents.js';
import { agentOfSender, bindSenderByPhone } from '../../src/engine/sender-binding.js';
import { agent, engineFixture, type EngineFixture } from '../support/engine-fixture.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture();
  agent(f.ctx, { code: 'AN1', senders: ['081200000002'] });
  agent(f.ctx, { code: 'BU2', senders: ['081200000003'] });
});
afterEach(() => f.close());

const senders = (code: string) => agentSummary(f.ctx, code)!.senders;

it('makes the address a sender of the agent whose phone it is, in any phone form, once', () => {
  const r = bindSenderByPhone(f.ctx, { phone: '+62 812-0000-0002', address: 'tg:777' });
  expect(r).toMatchObject({ ok: true, value: { agent: { code: 'AN1' }, already: false } });
  expect(senders('AN1')).toEqual(['6281200000002', 'tg:777']);
  expect(agentOfSender(f.ctx, 'tg:777')?.code).toBe('AN1');
  expect(bindSenderByPhone(f.ctx, { phone: '081200000002', address: 'tg:777' })).toMatchObject({ ok: true, value: { already: true } });
  expect(senders('AN1')).toEqual(['6281200000002', 'tg:777']);
});

it('refuses an address already bound to another agent, and binds nothing', () => {
  bindSenderByPhone(f.ctx, { phone: '081200000002', address: 'tg:777' });
  expect(bindSenderByPhone(f.ctx, { phone: '081200000003', address: 'tg:777' })).toEqual({
    ok: false, code: 'SENDER.TAKEN', detail: { sender: 'tg:777' },
  });
  expect(senders('BU2')).toEqual(['6281200000003']);
});

it('refuses a phone that is no registered sender, and a malformed phone or address', () => {
  expect(bindSenderByPhone(f.ctx, { phone: '081299999999', address: 'tg:1' })).toMatchObject({ ok: false, code: 'SENDER.NOT_REGISTERED' });
  expect(bindSenderByPhone(f.ctx, { phone: '12345', address: 'tg:1' })).toMatchObject({ ok: false, code: 'SENDER.INVALID' });
  expect(bindSenderByPhone(f.ctx, { phone: '081200000002', address: 'tg 1' })).toMatchObject({ ok: false, code: 'SENDER.INVALID' });
  expect(agentOfSender(f.ctx, 'tg:1')).toBeUndefined();
});
