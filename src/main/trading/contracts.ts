import type { Exchange } from '../../shared/model/enums';
import { deliveryMonth, formatSymbol, isExchange, parseSymbol } from '../../shared/model/symbol';
import { shanghaiDate } from '../../shared/model/time';
import type { Commission, Contract, ProductSpec } from '../../shared/model/types';
import { TradingCalendar } from '../engine/calendar';
import { parseSessions } from '../engine/sessions';
import { readResourceJson } from '../resources';

/** A product as stored in resources/contracts/products.json (sessions as text). */
export interface ProductRecord {
  exchange: string;
  product: string;
  nameCn: string;
  nameEn: string;
  multiplier: number;
  priceTick: number;
  pricePrecision: number;
  marginLong: number;
  marginShort: number;
  commission: Commission;
  closeTodayDistinct: boolean;
  nightSession: string;
  daySessions: string;
  limitRatio: number;
  maxLimitOrderVolume: number;
  maxMarketOrderVolume: number;
  marketOrderAllowed: boolean;
}

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

function toProductSpec(r: ProductRecord): ProductSpec {
  if (!isExchange(r.exchange)) throw new ContractError(`product ${r.product}: unknown exchange ${r.exchange}`);
  for (const k of ['nameCn', 'nameEn'] as const) {
    if (!(typeof r[k] === 'string' && r[k].trim() !== '')) throw new ContractError(`product ${r.exchange}.${r.product}: ${k} must be a name`);
  }
  for (const k of ['multiplier', 'priceTick', 'marginLong', 'marginShort', 'limitRatio'] as const) {
    if (!(typeof r[k] === 'number' && r[k] > 0)) throw new ContractError(`product ${r.exchange}.${r.product}: ${k} must be a positive number`);
  }
  return {
    exchange: r.exchange,
    product: r.product,
    nameCn: r.nameCn,
    nameEn: r.nameEn,
    multiplier: r.multiplier,
    priceTick: r.priceTick,
    pricePrecision: r.pricePrecision,
    marginLong: r.marginLong,
    marginShort: r.marginShort,
    commission: r.commission,
    closeTodayDistinct: r.closeTodayDistinct,
    nightSession: parseSessions(r.nightSession),
    daySessions: parseSessions(r.daySessions),
    limitRatio: r.limitRatio,
    maxLimitOrderVolume: r.maxLimitOrderVolume,
    maxMarketOrderVolume: r.maxMarketOrderVolume,
    marketOrderAllowed: r.marketOrderAllowed,
  };
}

/**
 * Contract specs: resolves an instrument id (rb2505, SHFE.rb2505, TA505, IF2506) to its product's spec, exchange
 * and delivery month. One place for this, used by the OMS, risk, SimExchange, backtests and gateways.
 */
export class ContractRegistry {
  private readonly products = new Map<string, ProductSpec>();
  /** Lower-cased product code -> product, for ids typed without an exchange. */
  private readonly byCode = new Map<string, ProductSpec>();
  private readonly contracts = new Map<string, Contract>();

  constructor(
    products: readonly ProductSpec[],
    readonly calendar: TradingCalendar,
  ) {
    for (const p of products) {
      this.products.set(`${p.exchange}.${p.product}`, p);
      const key = p.product.toLowerCase();
      if (this.byCode.has(key)) throw new ContractError(`product code ${p.product} is listed twice`);
      this.byCode.set(key, p);
    }
  }

  static fromRecords(records: readonly ProductRecord[], calendar: TradingCalendar): ContractRegistry {
    return new ContractRegistry(records.map(toProductSpec), calendar);
  }

  /** The registry of the bundled resources. */
  static load(): ContractRegistry {
    const calendar = new TradingCalendar(readResourceJson<number[]>('calendar', 'trading-days.json'));
    return ContractRegistry.fromRecords(readResourceJson<ProductRecord[]>('contracts', 'products.json'), calendar);
  }

  /** A registry whose products are changed by `f` (a backtest's own costs and margins), on the same calendar. */
  derive(f: (p: ProductSpec) => ProductSpec): ContractRegistry {
    return new ContractRegistry([...this.products.values()].map(f), this.calendar);
  }

  allProducts(): ProductSpec[] {
    return [...this.products.values()];
  }

  product(exchange: Exchange, product: string): ProductSpec | undefined {
    return this.products.get(`${exchange}.${product}`);
  }

  /** A contract already resolved (canonical id only): the hot-path lookup. */
  get(symbol: string): Contract | undefined {
    // Several lookups an order, nearly always of the contract asked for last.
    if (symbol === this.lastSymbol) return this.lastContract;
    const c = this.contracts.get(symbol);
    if (c !== undefined) {
      this.lastSymbol = symbol;
      this.lastContract = c;
    }
    return c;
  }
  private lastSymbol: string | undefined;
  private lastContract: Contract | undefined;

  /** Resolves or throws a ContractError that says what is wrong with the id. */
  resolve(input: string, referenceDay?: number): Contract {
    const known = this.contracts.get(input);
    if (known) return known;
    const parsed = parseSymbol(input);
    if ('error' in parsed) throw new ContractError(parsed.error);
    const spec = this.byCode.get(parsed.product.toLowerCase());
    if (!spec) throw new ContractError(`未知品种 "${parsed.product}" (unknown product "${parsed.product}" in "${input}")`);
    if (parsed.exchange && parsed.exchange !== spec.exchange) {
      throw new ContractError(`${spec.nameCn} ${spec.product} 在 ${spec.exchange} 交易，不在 ${parsed.exchange} (${spec.product} trades on ${spec.exchange}, not ${parsed.exchange})`);
    }
    // CZCE writes one year digit (TA505); accept TA2505 and write it the exchange's way.
    let monthCode = parsed.monthCode;
    if (spec.exchange === 'CZCE' && monthCode.length === 4) monthCode = monthCode.slice(1);
    if (spec.exchange !== 'CZCE' && monthCode.length !== 4) {
      throw new ContractError(`合约代码格式错误 "${input}"：${spec.exchange} 的交割月份为四位数字，如 ${spec.product}2505 (malformed instrument id "${input}": ${spec.exchange} writes the delivery month with four digits)`);
    }
    const ref = referenceDay ?? this.calendar.onOrAfter(Math.min(this.calendar.last, shanghaiDate(Date.now())));
    const dm = deliveryMonth(monthCode, ref);
    if (!dm) throw new ContractError(`合约代码格式错误 "${input}"：月份 ${monthCode.slice(-2)} 不在 01 到 12 之间 (malformed instrument id "${input}": month ${monthCode.slice(-2)} is not 01 to 12)`);
    const code = spec.product + monthCode;
    const symbol = formatSymbol(spec.exchange, code);
    const existing = this.contracts.get(symbol);
    if (existing) {
      this.contracts.set(input, existing);
      return existing;
    }
    const contract: Contract = {
      ...spec,
      symbol,
      code,
      deliveryYear: dm.year,
      deliveryMonth: dm.month,
      name: `${spec.nameCn}${monthCode}`,
      nameEn: `${spec.nameEn} ${monthCode}`,
    };
    this.contracts.set(symbol, contract);
    if (input !== symbol) this.contracts.set(input, contract);
    return contract;
  }

  tryResolve(input: string, referenceDay?: number): Contract | { error: string } {
    try {
      return this.resolve(input, referenceDay);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  /**
   * Completion for a watch list: products whose code, Chinese name or English name (three letters or more) matches,
   * each with its next twelve delivery months from the reference day, plus any contract already known that matches.
   */
  search(query: string, referenceDay: number, limit = 50): Contract[] {
    const q = query.trim().toLowerCase();
    const out = new Map<string, Contract>();
    for (const c of this.contracts.values()) {
      if (!q || c.code.toLowerCase().startsWith(q) || c.name.includes(query.trim()) || (q.length >= 3 && c.nameEn.toLowerCase().includes(q))) out.set(c.symbol, c);
    }
    const m = /^([a-z]{1,3})(\d*)$/.exec(q);
    for (const p of this.products.values()) {
      const codeMatch = m && p.product.toLowerCase() === m[1];
      const nameMatch = q !== '' && (p.nameCn.includes(query.trim()) || (q.length >= 3 && p.nameEn.toLowerCase().includes(q)));
      if (!(codeMatch || nameMatch || (m && !m[2] && p.product.toLowerCase().startsWith(m[1]!)))) continue;
      let y = Math.floor(referenceDay / 10000);
      let mo = Math.floor(referenceDay / 100) % 100;
      for (let i = 0; i < 12; i++) {
        const yy = String(y % 100).padStart(2, '0');
        const mm = String(mo).padStart(2, '0');
        const code = p.exchange === 'CZCE' ? `${p.product}${yy.slice(1)}${mm}` : `${p.product}${yy}${mm}`;
        if (!m?.[2] || code.toLowerCase().startsWith(q)) {
          const c = this.resolve(`${p.exchange}.${code}`, referenceDay);
          out.set(c.symbol, c);
        }
        mo++;
        if (mo > 12) {
          mo = 1;
          y++;
        }
      }
      if (out.size >= limit) break;
    }
    return [...out.values()].slice(0, limit);
  }
}
