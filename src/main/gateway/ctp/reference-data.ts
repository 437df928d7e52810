import fs from 'node:fs';
import path from 'node:path';
import { formatSymbol, isExchange, parseSymbol } from '../../../shared/model/symbol';
import type { ContractRegistry } from '../../trading/contracts';
import {
  THOST_FTDC_PC_Futures,
  type CThostFtdcInstrumentCommissionRateField,
  type CThostFtdcInstrumentField,
  type CThostFtdcInstrumentMarginRateField,
} from './ctp-api.gen';
import { parseCtpDay } from './ctp-time';
import { ctpPrice } from './tick';

/** A futures contract as the broker lists it (ReqQryInstrument). */
export interface CtpInstrument {
  readonly symbol: string;
  readonly exchange: string;
  readonly code: string;
  readonly product: string;
  readonly name: string;
  readonly multiplier: number;
  readonly priceTick: number;
  readonly longMarginRatio: number;
  readonly shortMarginRatio: number;
  readonly maxLimitOrderVolume: number;
  readonly maxMarketOrderVolume: number;
  readonly deliveryYear: number;
  readonly deliveryMonth: number;
  readonly expireDate: number;
  readonly isTrading: boolean;
}

/** The investor's own margin rates for a contract (ReqQryInstrumentMarginRate). */
export interface CtpMarginRate {
  readonly longByMoney: number;
  readonly longByVolume: number;
  readonly shortByMoney: number;
  readonly shortByVolume: number;
}

/** The investor's own commission (ReqQryInstrumentCommissionRate): by money (a ratio) and by volume (CNY a lot). */
export interface CtpCommissionRate {
  readonly openByMoney: number;
  readonly openByVolume: number;
  readonly closeByMoney: number;
  readonly closeByVolume: number;
  readonly closeTodayByMoney: number;
  readonly closeTodayByVolume: number;
}

/**
 * The broker's contracts, margin and commission rates, loaded after login and kept for the trading day: a re-login
 * on the same day reuses them, a new trading day starts afresh. Instruments are also kept in a file per trading day
 * (when a folder is given), because listing thousands of them is the slowest query of a login.
 */
export class CtpReferenceData {
  private day = 0;
  private readonly instruments = new Map<string, CtpInstrument>();
  private readonly byCode = new Map<string, CtpInstrument>();
  private readonly margins = new Map<string, CtpMarginRate>();
  /** By contract (rb2505) where the broker gave one, by product (rb) where it answered for the product. */
  private readonly commissions = new Map<string, CtpCommissionRate>();

  constructor(private readonly cacheDir?: string) {}

  get tradingDay(): number {
    return this.day;
  }

  get instrumentCount(): number {
    return this.instruments.size;
  }

  /** A (possibly) new trading day: what was loaded for another day is dropped. */
  startDay(day: number): void {
    if (day === this.day) return;
    this.day = day;
    this.instruments.clear();
    this.byCode.clear();
    this.margins.clear();
    this.commissions.clear();
    this.loadCache();
  }

  instrument(symbol: string): CtpInstrument | undefined {
    return this.instruments.get(symbol);
  }

  /** By the exchange's own id (rb2505, TA505), as CTP's callbacks name contracts. */
  instrumentByCode(code: string): CtpInstrument | undefined {
    return this.byCode.get(code);
  }

  allInstruments(): CtpInstrument[] {
    return [...this.instruments.values()];
  }

  marginRate(symbol: string): CtpMarginRate | undefined {
    return this.margins.get(symbol);
  }

  commissionRate(symbol: string): CtpCommissionRate | undefined {
    const ins = this.instruments.get(symbol);
    const code = ins?.code ?? symbol.slice(symbol.indexOf('.') + 1);
    const parsed = parseSymbol(code);
    return this.commissions.get(code) ?? ('error' in parsed ? undefined : this.commissions.get(parsed.product));
  }

  hasCommission(symbol: string): boolean {
    return this.commissionRate(symbol) !== undefined;
  }

  /**
   * Rows of ReqQryInstrument: futures only (options and spreads are not traded here). Returns the contracts whose
   * multiplier or tick differs from the bundled specs, which the engine computes margin and fees with.
   */
  setInstruments(rows: readonly CThostFtdcInstrumentField[], registry?: ContractRegistry): string[] {
    const differences: string[] = [];
    for (const r of rows) {
      if (r.ProductClass !== THOST_FTDC_PC_Futures || !isExchange(r.ExchangeID)) continue;
      const ins: CtpInstrument = {
        symbol: formatSymbol(r.ExchangeID, r.InstrumentID),
        exchange: r.ExchangeID,
        code: r.InstrumentID,
        product: r.ProductID,
        name: r.InstrumentName,
        multiplier: r.VolumeMultiple,
        priceTick: r.PriceTick,
        longMarginRatio: ctpPrice(r.LongMarginRatio),
        shortMarginRatio: ctpPrice(r.ShortMarginRatio),
        maxLimitOrderVolume: r.MaxLimitOrderVolume,
        maxMarketOrderVolume: r.MaxMarketOrderVolume,
        deliveryYear: r.DeliveryYear,
        deliveryMonth: r.DeliveryMonth,
        expireDate: parseCtpDay(r.ExpireDate) ?? 0,
        isTrading: r.IsTrading !== 0,
      };
      this.add(ins);
      const spec = registry?.product(ins.exchange as Parameters<ContractRegistry['product']>[0], ins.product);
      if (spec && (spec.multiplier !== ins.multiplier || Math.abs(spec.priceTick - ins.priceTick) > 1e-9)) {
        differences.push(`${ins.symbol}: broker ${ins.multiplier}×/${ins.priceTick}, bundled ${spec.multiplier}×/${spec.priceTick}`);
      }
    }
    this.saveCache();
    return differences;
  }

  setMarginRate(symbol: string, r: CThostFtdcInstrumentMarginRateField): void {
    this.margins.set(symbol, {
      longByMoney: ctpPrice(r.LongMarginRatioByMoney),
      longByVolume: ctpPrice(r.LongMarginRatioByVolume),
      shortByMoney: ctpPrice(r.ShortMarginRatioByMoney),
      shortByVolume: ctpPrice(r.ShortMarginRatioByVolume),
    });
  }

  /** A commission row: its InstrumentID is the contract or, as most fronts answer, the product code. */
  setCommissionRate(r: CThostFtdcInstrumentCommissionRateField): void {
    this.commissions.set(r.InstrumentID.trim(), {
      openByMoney: ctpPrice(r.OpenRatioByMoney),
      openByVolume: ctpPrice(r.OpenRatioByVolume),
      closeByMoney: ctpPrice(r.CloseRatioByMoney),
      closeByVolume: ctpPrice(r.CloseRatioByVolume),
      closeTodayByMoney: ctpPrice(r.CloseTodayRatioByMoney),
      closeTodayByVolume: ctpPrice(r.CloseTodayRatioByVolume),
    });
  }

  private add(ins: CtpInstrument): void {
    this.instruments.set(ins.symbol, ins);
    this.byCode.set(ins.code, ins);
  }

  private cacheFile(): string | undefined {
    return this.cacheDir && this.day ? path.join(this.cacheDir, `instruments-${this.day}.json`) : undefined;
  }

  private loadCache(): void {
    const file = this.cacheFile();
    if (!file || !fs.existsSync(file)) return;
    try {
      const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as CtpInstrument[];
      if (Array.isArray(rows)) for (const r of rows) if (typeof r.symbol === 'string' && typeof r.code === 'string') this.add(r);
    } catch {
      // A damaged cache is simply queried again.
      this.instruments.clear();
      this.byCode.clear();
    }
  }

  private saveCache(): void {
    const file = this.cacheFile();
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify([...this.instruments.values()]));
    } catch {
      // Without a cache the next login of the day queries again; nothing is lost.
    }
  }
}
