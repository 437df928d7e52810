import { describe, expect, it } from 'vitest';
import { ContractError, ContractRegistry, type ProductRecord } from '../../src/main/trading/contracts';
import { readResourceJson } from '../../src/main/resources';
import { contracts } from '../helpers/engine';

describe('contract specs', () => {
  const reg = contracts();

  it('lists every product of the six exchanges', () => {
    const products = reg.allProducts();
    expect(products.length).toBeGreaterThanOrEqual(70);
    for (const ex of ['SHFE', 'INE', 'DCE', 'CZCE', 'CFFEX', 'GFEX']) expect(products.some((p) => p.exchange === ex)).toBe(true);
  });

  it.each([
    // input, canonical id, exchange, multiplier, tick, close-today distinct, delivery year, month
    ['rb2505', 'SHFE.rb2505', 'SHFE', 10, 1, true, 2025, 5],
    ['i2509', 'DCE.i2509', 'DCE', 100, 0.5, false, 2025, 9],
    ['TA505', 'CZCE.TA505', 'CZCE', 5, 2, false, 2025, 5],
    ['IF2506', 'CFFEX.IF2506', 'CFFEX', 300, 0.2, false, 2025, 6],
    ['sc2507', 'INE.sc2507', 'INE', 1000, 0.1, true, 2025, 7],
    ['au2512', 'SHFE.au2512', 'SHFE', 1000, 0.02, true, 2025, 12],
    ['SHFE.cu2503', 'SHFE.cu2503', 'SHFE', 5, 10, true, 2025, 3],
    ['m2505.DCE', 'DCE.m2505', 'DCE', 10, 1, false, 2025, 5],
    ['si2506', 'GFEX.si2506', 'GFEX', 5, 5, false, 2025, 6],
  ] as const)('%s resolves to %s', (input, symbol, exchange, multiplier, tick, distinct, year, month) => {
    const c = reg.resolve(input, 20250303);
    expect(c.symbol).toBe(symbol);
    expect(c.exchange).toBe(exchange);
    expect(c.multiplier).toBe(multiplier);
    expect(c.priceTick).toBe(tick);
    expect(c.closeTodayDistinct).toBe(distinct);
    expect([c.deliveryYear, c.deliveryMonth]).toEqual([year, month]);
  });

  it('reads a CZCE one-digit year against the trading day', () => {
    expect(reg.resolve('CZCE.SR901', 20180601).deliveryYear).toBe(2019);
    expect(reg.resolve('CZCE.SR601', 20250301).deliveryYear).toBe(2026);
    // Written the DCE way, a CZCE contract is put into the exchange's own form.
    expect(reg.resolve('TA2505', 20250303).symbol).toBe('CZCE.TA505');
  });

  it('carries the fees and margins of the specs', () => {
    const rb = reg.resolve('rb2505', 20250303);
    expect(rb.commission.byVolume).toBe(false);
    expect(rb.commission.open).toBeCloseTo(0.0001, 10);
    const a = reg.resolve('a2505', 20250303);
    expect(a.commission).toMatchObject({ byVolume: true, open: 2, close: 2 });
    expect(rb.marginLong).toBeGreaterThan(0);
    expect(rb.limitRatio).toBeGreaterThan(0);
    expect(reg.resolve('rb2505').nightSession).toEqual([{ start: 21 * 60, end: 23 * 60 }]);
    expect(reg.resolve('IF2506').nightSession).toEqual([]);
  });

  it.each([
    ['zz2505', /unknown product "zz"/],
    ['rb25', /malformed instrument id/],
    ['rb2513', /month 13 is not 01 to 12/],
    ['DCE.rb2505', /trades on SHFE, not DCE/],
    ['XXX.rb2505', /unknown exchange/],
    ['', /empty instrument id/],
    ['rb505', /four digits/],
  ])('refuses %j with a message that says why', (input, message) => {
    expect(() => reg.resolve(input, 20250303)).toThrow(ContractError);
    expect(() => reg.resolve(input, 20250303)).toThrow(message);
  });

  it('finds contracts by code or Chinese name for completion', () => {
    const byName = reg.search('螺纹', 20250303, 20);
    expect(byName[0]?.symbol).toMatch(/^SHFE\.rb\d{4}$/);
    const byCode = reg.search('TA5', 20250303, 20);
    expect(byCode.map((c) => c.symbol)).toContain('CZCE.TA505');
  });

  it('names every product in English too, and finds contracts by it', () => {
    for (const p of reg.allProducts()) expect(p.nameEn.trim(), `${p.exchange}.${p.product}`).not.toBe('');
    expect(new Set(reg.allProducts().map((p) => p.nameEn)).size).toBe(reg.allProducts().length);
    expect([reg.resolve('rb2605', 20250303).nameEn, reg.resolve('TA505', 20250303).nameEn, reg.resolve('IF2506', 20250303).nameEn]).toEqual([
      'Rebar 2605',
      'PTA 505',
      'CSI 300 2506',
    ]);
    const copper = reg.search('copper', 20250303, 50).map((c) => c.symbol);
    expect(copper).toContain('SHFE.cu2503');
    expect(copper.some((s) => s.startsWith('INE.bc'))).toBe(true);
    expect(reg.search('Iron Ore', 20250303, 20)[0]?.symbol).toMatch(/^DCE\.i\d{4}$/);
    // Two letters are a product code, not a piece of a name ('co' is no product, and matches none).
    expect(reg.search('co', 20250303, 50)).toEqual([]);
    // A product record without its English name is refused, by name.
    const rb = readResourceJson<ProductRecord[]>('contracts', 'products.json').find((p) => p.product === 'rb')!;
    expect(() => ContractRegistry.fromRecords([{ ...rb, nameEn: ' ' }], reg.calendar)).toThrow('product SHFE.rb: nameEn must be a name');
  });
});
