import { afterEach, beforeEach, expect, it } from 'vitest';
import { priceOf } from '../../src/engine/prices.js';
import { setGeneralMarkup, setProductMarkups } from '../../src/engine/markups.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { agentsRepo } from '../../src/store/repos/agents-repo.js';
import { productsRepo } from '../../src/store/repos/products-repo.js';
import { defineQuery, param } from '../../src/store/sql.js';
import { tablesOf } from '../../src/store/read-cache.js';
import { agent, engineFixture, product, type EngineFixture } from '../support/engine-fixture.js';

/**
 * Reads of agents, senders, the catalogue and markup rules are cached per connection. Whatever
 * changes them (this connection, another process, a rollback) must be seen by the next read.
 */
let f: EngineFixture;
let other: Store;
beforeEach(async () => {
  f = await engineFixture();
  product(f.ctx, { code: 'S10', price: 10_000 });
  agent(f.ctx, { code: 'UP', markup: 100, senders: ['081200000001'] });
  agent(f.ctx, { code: 'DOWN', upline: 'UP', markup: 50, senders: ['081200000002'] });
  other = await openStore(f.store.path); // a second connection: the CLI or another process
});
afterEach(() => {
  other.close();
  f.close();
});

const price = () => {
  const r = priceOf(f.ctx, agentsRepo.byCode(f.ctx.sql, 'DOWN')!.id, 'S10');
  if (!r.ok) throw new Error(r.code);
  return r.value.price;
};

it('a markup changed through the same connection is in the next price', () => {
  expect(price()).toBe(10_150);
  const up = agentsRepo.byCode(f.ctx.sql, 'UP')!.id;
  expect(setGeneralMarkup(f.ctx, up, 'DOWN', 70).ok).toBe(true);
  expect(price()).toBe(10_170);
  expect(setProductMarkups(f.ctx, up, 'DOWN', [{ product: 'S10', markup: 5 }]).ok).toBe(true);
  expect(price()).toBe(10_105);
});

it('a change committed by another connection is seen, inside a transaction and outside one', () => {
  expect(price()).toBe(10_150);
  other.sql.db.prepare("UPDATE product SET base_price = 20000 WHERE code = 'S10'").run();
  expect(price()).toBe(20_150);
  other.sql.db.prepare("UPDATE agent SET markup = 1 WHERE code = 'DOWN'").run();
  expect(f.ctx.sql.transaction(() => price())).toBe(20_101);
  other.sql.db.prepare("DELETE FROM sender WHERE address = '6281200000002'").run();
  expect(agentsRepo.bySender(f.ctx.sql, '6281200000002')).toBeUndefined();
});

it('what a rolled-back transaction changed is not kept in the cache', () => {
  expect(price()).toBe(10_150);
  expect(() =>
    f.ctx.sql.transaction(() => {
      f.ctx.sql.db.prepare("UPDATE product SET base_price = 1 WHERE code = 'S10'").run();
      expect(price()).toBe(151); // read, and cached, inside the transaction
      throw new Error('abort');
    }),
  ).toThrow('abort');
  expect(price()).toBe(10_150);
  f.ctx.sql.transaction(() => {
    expect(() =>
      f.ctx.sql.savepoint(() => {
        f.ctx.sql.db.prepare("UPDATE agent SET markup = 0 WHERE code = 'DOWN'").run();
        expect(price()).toBe(10_100);
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(price()).toBe(10_150);
  });
});

it('a cached row cannot be changed by the code that read it', () => {
  const p = productsRepo.byCode(f.ctx.sql, 'S10')!;
  expect(() => ((p as { base_price: number }).base_price = 1)).toThrow(TypeError);
  expect(productsRepo.byCode(f.ctx.sql, 'S10')!.base_price).toBe(10_000);
});

it('only reads of the rarely changing tables may be cached', () => {
  expect(() => defineQuery({ cached: true })((k) => k.selectFrom('account').select('balance'))).toThrow(/may only read/);
  expect(() => defineQuery({ cached: true })((k) => k.selectFrom('agent').innerJoin('account', 'account.id', 'agent.balance_account').select('balance'))).toThrow(/may only read/);
  expect(() => defineQuery({ cached: true })((k) => k.updateTable('agent').set({ markup: 1 }))).toThrow(/may only read/);
  expect(tablesOf('with recursive "path"("id") as (select "id" from "agent" union all select "a"."id" from "agent" as "a" inner join "path" as "p" on 1) select * from "path" as "c" left join "product_markup" as "pm" on 1'))
    .toEqual(['agent', 'agent', 'product_markup']);
});

it('a lone null argument is cached apart from every string', () => {
  const byCode = defineQuery<{ code: string | null }>({ cached: true })((k) =>
    k.selectFrom('agent').select('code').where('code', '=', param('code')),
  );
  f.ctx.sql.db.prepare("UPDATE agent SET code = '|object:null' WHERE code = 'UP'").run();
  expect(f.ctx.sql.get(byCode, { code: null })).toBeUndefined();
  expect(f.ctx.sql.get(byCode, { code: '|object:null' })).toEqual({ code: '|object:null' });
  expect(f.ctx.sql.get(byCode, { code: null })).toBeUndefined();
});

it('a query of several arguments is cached per whole argument list, types told apart', () => {
  const codeAndMarkup = defineQuery<{ code: string | null; markup: number | string }>({ cached: true })((k) =>
    k.selectFrom('agent').select('code').where('code', '=', param('code')).where('markup', '=', param('markup')),
  );
  const all = defineQuery({ cached: true })((k) => k.selectFrom('agent').select('code').orderBy('code'));
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'UP', markup: 100 })).toEqual({ code: 'UP' });
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'UP', markup: 50 })).toBeUndefined();
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'DOWN', markup: 100 })).toBeUndefined();
  expect(f.ctx.sql.get(codeAndMarkup, { code: null, markup: 100 })).toBeUndefined();
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'DOWN', markup: 50 })).toEqual({ code: 'DOWN' });
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'UP', markup: 100 })).toEqual({ code: 'UP' }); // from the cache
  expect(f.ctx.sql.all(all, {})).toEqual([{ code: 'DOWN' }, { code: 'UP' }]);
  other.sql.db.prepare("UPDATE agent SET markup = 75 WHERE code = 'UP'").run();
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'UP', markup: 100 })).toBeUndefined(); // another process changed it
  expect(f.ctx.sql.get(codeAndMarkup, { code: 'UP', markup: 75 })).toEqual({ code: 'UP' });
});
