import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, gatewayFixture, type GatewayFixture } from '../support/gateway-fixture.js';

/**
 * The per-product markup story of DOMAIN.md §3 told through the HTTP channel on the demo tree:
 * OX001 (general markup 100 from the operator) with downlines OX002–OX006 (general markups
 * 50, 50, 75, 75, 100). S5 has base price 5,400; S10 10,400.
 */
let g: GatewayFixture;
beforeAll(async () => {
  g = await gatewayFixture();
});
afterAll(() => g.close());

const up = (text: string) => g.say(DEMO.OX001.from, `${text}.${DEMO.OX001.pin}`);
type Down = 'OX002' | 'OX003' | 'OX004' | 'OX005' | 'OX006';
const DOWNS: Down[] = ['OX002', 'OX003', 'OX004', 'OX005', 'OX006'];
/** The price of `product` as `who` sees it in its own HARGA reply. */
async function priceSeenBy(who: Down, product: string): Promise<string> {
  const [r] = await g.say(DEMO[who].from, `H.${product}.${DEMO[who].pin}`);
  const m = new RegExp(`(?:^|[ ,])${product}=([0-9.]+)`).exec(r ?? '');
  if (!m) throw new Error(`no ${product} price in "${r}"`);
  return m[1]!;
}
const allPrices = (product: string) => Promise.all(DOWNS.map((d) => priceSeenBy(d, product)));

describe('per-product markups by chat', () => {
  it('HARGA shows each downline its own price (general markups)', async () => {
    expect(await allPrices('S5')).toEqual(['5.550', '5.550', '5.575', '5.575', '5.600']);
  });

  it('MP.<self>.* reaches all five downlines, and a downline added later', async () => {
    expect(await up('MP.OX001.*.S5=200,S10=300')).toEqual(['Markup semua downline (*) disimpan: S5=200,S10=300']);
    expect(await allPrices('S5')).toEqual(Array(5).fill('5.700'));
    expect(await allPrices('S10')).toEqual(Array(5).fill('10.800'));
    const [reg] = await up('REG.081377788899.Gilang.10');
    expect(reg).toMatch(/kode OX007.*PIN awal \d{6}/);
    expect(await g.say(DEMO.OX001.from, `CMP.OX007.S5.${DEMO.OX001.pin}`)).toEqual(['Markup S5 utk OX007: 200 (semua downline).']);
  });

  it('a specific MP overrides the wildcard for that downline only', async () => {
    expect(await up('MP.OX002.S5=150')).toEqual(['Markup OX002 disimpan: S5=150']);
    expect(await allPrices('S5')).toEqual(['5.650', '5.700', '5.700', '5.700', '5.700']);
    expect(await up('CMP.OX002.S5')).toEqual(['Markup S5 utk OX002: 150 (produk).']);
    expect(await up('CMP.OX003.S5')).toEqual(['Markup S5 utk OX003: 200 (semua downline).']);
    expect(await up('CMP.OX002')).toEqual(['Markup produk OX002: S5=150, S10=300(*)']);
  });

  it('DELMP removes rows of one downline, which falls back to the wildcard', async () => {
    await up('MP.OX003.S5=120,S10=130');
    expect(await up('DELMP.OX002.S5')).toEqual(['Markup S5 utk OX002 dihapus.']);
    expect(await priceSeenBy('OX002', 'S5')).toBe('5.700');
    expect(await priceSeenBy('OX003', 'S5')).toBe('5.620');
  });

  it('DELMP2 removes every product row of one downline', async () => {
    expect(await up('DELMP2.OX003')).toEqual(['2 markup produk OX003 dihapus.']);
    expect(await priceSeenBy('OX003', 'S10')).toBe('10.800');
  });

  it('DELMP3 removes a product’s rows and wildcard for all downlines: back to general markups', async () => {
    await up('MP.OX004.S5=10');
    expect(await up('DELMP3.S5')).toEqual(['Markup S5 semua downline dihapus (2 aturan).']);
    expect(await allPrices('S5')).toEqual(['5.550', '5.550', '5.575', '5.575', '5.600']);
    expect(await allPrices('S10')).toEqual(Array(5).fill('10.800'));
  });

  it('only the direct upline may set an edge; MP.X.* only with the sender’s own code', async () => {
    expect(await g.say(DEMO.OX002.from, `MP.OX003.S5=1.${DEMO.OX002.pin}`)).toEqual(['OX003 bukan downline langsung Anda.']);
    expect(await up('MP.OX002.*.S5=1')).toEqual(['Markup * hanya dengan kode Anda sendiri (OX001).']);
    expect(await up('MP.OX002.S5=999999')).toEqual(['Markup melebihi batas maksimal 10.000.']);
  });
});
