// The settlement price (结算价) by each exchange's rule. Before, the simulated market settled every contract at its
// last price, so 昨结算 was the close, the day's limits followed from the close and positions were marked at it.
import { describe, expect, it } from 'vitest';
import { SettlementPrice } from '../../src/main/trading/settlement-price';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { shanghaiToEpoch } from '../../src/shared/model/time';

const contracts = ContractRegistry.load();
const at = (h: number, m: number, day = 6): number => shanghaiToEpoch(2025, 3, day, h, m);

describe('settlement price by the exchange’s rule', () => {
  it('SHFE: the volume-weighted average of the whole trading day, the night session included, to the tick', () => {
    const s = new SettlementPrice(contracts.resolve('SHFE.rb2505'));
    s.add(at(21, 5, 5), 3300, 10);
    s.add(at(9, 30), 3310, 30);
    s.add(at(14, 59), 3321, 7);
    // (33000 + 99300 + 23247) / 47 = 3309.51: 3310, not the last price 3321.
    expect(s.price(3321)).toBe(3310);
    s.reset();
    expect(s.price(3321)).toBe(3321);
  });

  it('CZCE and DCE alike: the day’s average; a day without trades settles at the last price', () => {
    const s = new SettlementPrice(contracts.resolve('CZCE.SR505'));
    expect(s.price(5800)).toBe(5800);
    s.add(at(10, 0), 5801, 1);
    s.add(at(10, 1), 5804, 2);
    expect(s.price(5804)).toBe(5803);
    // Nothing is taken from a tick without volume or price.
    s.add(at(10, 2), 9999, 0);
    s.add(at(10, 3), 0, 5);
    expect(s.price(5804)).toBe(5803);
  });

  it('CFFEX: the last hour’s average (14:00-15:00 for index futures, 14:15-15:15 for bonds), else the hour before', () => {
    const index = new SettlementPrice(contracts.resolve('CFFEX.IF2506'));
    index.add(at(9, 31), 3900, 100);
    expect(index.price(3950)).toBe(3900);
    index.add(at(10, 45), 3920, 1);
    index.add(at(11, 29), 3930, 1);
    // Nothing after 11:30 (12:00-15:00 empty): the hour 11:00-12:00 steps in, its one trade.
    expect(index.price(3950)).toBe(3930);
    index.add(at(13, 59), 3950, 100);
    expect(index.price(3950)).toBe(3950);
    index.add(at(14, 0), 3960.2, 3);
    index.add(at(14, 59), 3961, 1);
    // (11880.6 + 3961) / 4 = 3960.4, on the 0.2 tick.
    expect(index.price(3961)).toBe(3960.4);

    const bond = new SettlementPrice(contracts.resolve('CFFEX.T2506'));
    bond.add(at(14, 14), 108.5, 50);
    bond.add(at(14, 15), 108.6, 1);
    bond.add(at(15, 14), 108.62, 1);
    // Only the two after 14:15: 108.61, on the 0.005 tick.
    expect(bond.price(108.62)).toBe(108.61);
  });
});
