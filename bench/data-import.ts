/**
 * Import speed: a year of real rb2005 1-minute bars (51,510 rows, resources/market) written out in vnpy's layout,
 * repeated over eight contracts (412,080 rows, about 36 MB), imported through detection, row checks (numbers,
 * high/low, sessions, trading days, duplicates), staging and the store. The reference in the same run reads the same
 * file and splits every line and parses its numbers in a plain loop, with no checks and no writes.
 * Run: npx tsx bench/data-import.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/data/db';
import { importFile } from '../src/main/data/import/importer';
import { MarketStore } from '../src/main/data/market-store';
import { readSampleCsv } from '../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../src/main/resources';
import { ContractRegistry } from '../src/main/trading/contracts';
import { formatShanghai } from '../src/shared/model/time';

const CONTRACTS = ['rb2005', 'rb2001', 'rb1910', 'hc2005', 'hc2001', 'ru2005', 'bu2006', 'fu2005'];

function main(): void {
  const registry = ContractRegistry.load();
  const bars = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), registry.calendar);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const file = path.join(dir, 'vnpy_export.csv');
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest\n');
  for (const c of CONTRACTS) {
    let s = '';
    for (let i = 0; i < bars.length; i++) {
      s += `${c},SHFE,${formatShanghai(bars.time[i]!)},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]},${bars.close[i]! * bars.volume[i]! * 10},${bars.openInterest[i]}\n`;
    }
    fs.writeSync(out, s);
  }
  fs.closeSync(out);
  const rows = CONTRACTS.length * bars.length;
  const size = fs.statSync(file).size;

  // Reference: read, split lines and cells, parse the numbers.
  let t = process.hrtime.bigint();
  let sum = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const f = line.split(',');
    for (let k = 3; k < 10; k++) sum += Number(f[k]);
  }
  const refS = Number(process.hrtime.bigint() - t) / 1e9;

  const db = openDatabase(path.join(dir, 'bench.db'));
  const store = new MarketStore(db, registry);
  return void (async () => {
    t = process.hrtime.bigint();
    const r = await importFile(store, file);
    const importS = Number(process.hrtime.bigint() - t) / 1e9;
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`bench/data-import: ${rows.toLocaleString('en-US')} rows of ${CONTRACTS.length} contracts, ${(size / 1e6).toFixed(1)} MB (vnpy layout)  [checksum ${sum.toFixed(0)}]`);
    console.log(`  import (detect, check, stage, store): ${(importS * 1000).toFixed(0)} ms = ${((rows / importS) / 1e3).toFixed(0)}k rows/s, ${(size / 1e6 / importS).toFixed(1)} MB/s; ${r.rows.toLocaleString('en-US')} rows stored, ${r.badRows} bad`);
    console.log(`  reference (split and parse only):     ${(refS * 1000).toFixed(0)} ms = ${((rows / refS) / 1e3).toFixed(0)}k rows/s`);
    console.log(`  ratio: import takes ${(importS / refS).toFixed(1)}x the bare parse; a 1 GB file takes about ${((1e9 / size) * importS).toFixed(0)} s`);
  })();
}

main();
