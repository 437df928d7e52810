#!/usr/bin/env node
// Regenerates resources/contracts and resources/calendar from the facts in ../shared/data (see resources/README.md
// for the sources). The output is committed: the app and CI never need ../shared at run time.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'data'));
const out = path.join(root, 'resources');

function readCsv(file) {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const num = (v) => (v === undefined || v === '' ? undefined : Number(v));

// Daily price limits: the ratio in force at the end of 2024, read off the RiceQuant daily bars.
const limitRatio = {};
for (const f of fs.readdirSync(path.join(shared, 'market', 'daily'))) {
  const m = /^([A-Z]+)_1d_rq\.csv$/.exec(f);
  if (!m) continue;
  const rows = fs.readFileSync(path.join(shared, 'market', 'daily', f), 'utf8').trim().split('\n');
  const cols = rows[0].split(',');
  const last = rows[rows.length - 1].split(',');
  const pre = Number(last[cols.indexOf('prev_settlement')]);
  const up = Number(last[cols.indexOf('limit_up')]);
  if (pre > 0 && up > pre) limitRatio[m[1]] = Math.round(((up - pre) / pre) * 100) / 100;
}
// Products without RiceQuant bars: the exchanges' published base limits.
const limitDefaults = { CFFEX: 0.1, TS: 0.005, TF: 0.012, T: 0.02, TL: 0.035, IM: 0.1, default: 0.07 };

// Per-order maxima differ by product; these are each exchange's common figures. A live account reads the
// broker's MaxLimitOrderVolume / MaxMarketOrderVolume from ReqQryInstrument instead.
const maxVolumes = {
  SHFE: [500, 30], INE: [500, 30], DCE: [1000, 1000], CZCE: [1000, 200], GFEX: [1000, 1000],
  CFFEX: [20, 10], CFFEX_BOND: [50, 30],
};
const BONDS = new Set(['T', 'TF', 'TS', 'TL']);

const products = readCsv(path.join(shared, 'contracts', 'products.csv'));
const precision = Object.fromEntries(
  readCsv(path.join(shared, 'contracts', 'specs_sessions_2025.csv')).map((r) => [`${r.exchange}.${r.product}`, Number(r.price_precision)]),
);

const specs = products.map((r) => {
  const key = r.product.toUpperCase();
  let marginLong = num(r.qa2021_margin_long);
  let marginShort = num(r.qa2021_margin_short);
  let commission;
  let feeSource = 'qa2021';
  if (r.qa2021_comm_open_close_ratio !== '' && r.qa2021_comm_open_close_ratio !== undefined) {
    const ratio = num(r.qa2021_comm_open_close_ratio) ?? 0;
    const perLot = num(r.qa2021_comm_open_close_per_lot) ?? 0;
    const byVolume = perLot > 0 && ratio === 0;
    commission = byVolume
      ? { byVolume, open: perLot, close: perLot, closeToday: num(r.qa2021_comm_closetoday_per_lot) ?? 0 }
      : { byVolume, open: ratio, close: ratio, closeToday: num(r.qa2021_comm_closetoday_ratio) ?? 0 };
  } else if (r.wt_fee_open !== '') {
    feeSource = 'wt2021';
    commission = {
      byVolume: r.wt_fee_byvolume === 'True',
      open: Number(r.wt_fee_open),
      close: Number(r.wt_fee_close),
      closeToday: Number(r.wt_fee_closetoday),
    };
  } else {
    feeSource = 'default';
    commission = { byVolume: false, open: 0.0001, close: 0.0001, closeToday: 0.0001 };
  }
  if (marginLong === undefined) {
    feeSource = feeSource === 'default' ? 'default' : feeSource;
    marginLong = marginShort = r.exchange === 'CFFEX' ? (BONDS.has(r.product) ? 0.03 : 0.12) : 0.12;
  }
  const [maxLimit, maxMarket] = r.exchange === 'CFFEX' && BONDS.has(r.product) ? maxVolumes.CFFEX_BOND : maxVolumes[r.exchange];
  return {
    exchange: r.exchange,
    product: r.product,
    nameCn: r.name_cn,
    multiplier: Number(r.multiplier),
    priceTick: Number(r.price_tick),
    pricePrecision: precision[`${r.exchange}.${r.product}`] ?? 0,
    marginLong,
    marginShort,
    commission,
    feeSource,
    closeTodayDistinct: r.closetoday_offset_required === 'yes',
    nightSession: r.night_session,
    daySessions: r.day_sessions,
    limitRatio: limitRatio[key] ?? limitDefaults[r.product] ?? (r.exchange === 'CFFEX' ? limitDefaults.CFFEX : limitDefaults.default),
    maxLimitOrderVolume: maxLimit,
    maxMarketOrderVolume: maxMarket,
    marketOrderAllowed: r.exchange !== 'SHFE' && r.exchange !== 'INE',
  };
});

fs.mkdirSync(path.join(out, 'contracts'), { recursive: true });
fs.writeFileSync(path.join(out, 'contracts', 'products.json'), JSON.stringify(specs, null, 1) + '\n');

const days = JSON.parse(fs.readFileSync(path.join(shared, 'contracts', 'calendar', 'akshare_trade_days_1990_2026.json'), 'utf8'));
fs.mkdirSync(path.join(out, 'calendar'), { recursive: true });
fs.writeFileSync(path.join(out, 'calendar', 'trading-days.json'), JSON.stringify(days.map(Number)) + '\n');

fs.mkdirSync(path.join(out, 'market'), { recursive: true });
for (const f of ['rb2005_1min.csv', 'rb_main_1min_2026-01.csv', 'cu_main_1min_2026-01.csv', 'ni_main_1min_2026-01.csv']) {
  fs.copyFileSync(path.join(shared, 'market', f), path.join(out, 'market', f));
}
console.log(`products: ${specs.length}, trading days: ${days.length}`);
