import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { STATISTIC_LABELS, type BacktestResult, type BacktestStatistics } from '../../shared/ipc/backtest';
import { ApiError } from '../../shared/ipc/define';
import { BacktestError } from '../backtest/errors';
import { dailyCsv, resultJson, roundTripsCsv, tradesCsv } from '../backtest/export';
import { BacktestHistory } from '../backtest/history';
import { formatStatistic } from '../../shared/ipc/backtest-figures';
import { renderHtmlReport } from '../backtest/report';
import { BacktestPool } from '../backtest/pool';
import { prepareBacktest } from '../backtest/setup';
import { describeRange, openSource, SETTINGS_OPTIONS, SETTINGS_USAGE, settingsFrom } from '../backtest/cli-settings';
import { ContractRegistry } from '../trading/contracts';
import { UsageError, type CliCommand } from './command';
import { Progress } from './progress';

const USAGE = `Usage: npm run cli -- backtest --strategy FILE --symbol SYMBOL [--period 1m] [--from DATE] [--to DATE] [options]

Runs a strategy over stored bars (or ticks) through the full trading engine and prints its statistics.

${SETTINGS_USAGE}
  --report FILE     write the offline HTML report (one file, opens without a network)
  --json FILE       write the whole result as JSON
  --trades-csv FILE, --daily-csv FILE, --roundtrips-csv FILE   write the fills, the daily rows, the round trips
  --keep            keep the run in the profile's history (the app's backtest workspace lists it)

Example:
  npm run cli -- backtest --strategy strategies/dual-ma.ts --symbol SHFE.rb2005 --period 1m \\
    --from 2019-05-15 --to 2019-12-20 --report rb.html`;

/** Prints a BacktestError (or any other failure) the way a trader reads it, and returns the exit code. */
export function reportFailure(e: unknown): number {
  if (e instanceof UsageError) throw e;
  if (e instanceof BacktestError) {
    console.error(`错误 error: ${e.message}\n  ${e.english}`);
    return 1;
  }
  if (e instanceof ApiError) {
    console.error(`错误 error: ${e.message}`);
    return 1;
  }
  throw e;
}

/** Columns a text takes on a terminal: Chinese characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** The statistics as a table: Chinese and English label, value. */
export function statisticsTable(s: BacktestStatistics): string {
  const keys = Object.keys(STATISTIC_LABELS) as (keyof BacktestStatistics)[];
  const labels = keys.map((k) => `${STATISTIC_LABELS[k].zh} ${STATISTIC_LABELS[k].en}`);
  const width = Math.max(...labels.map(displayWidth));
  return keys.map((k, i) => `  ${labels[i]}${' '.repeat(width - displayWidth(labels[i]!))}  ${formatStatistic(k, s[k])}`).join('\n');
}

function write(file: string | undefined, content: () => string, what: string): void {
  if (file === undefined) return;
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content());
  console.log(`${what}: ${abs}`);
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'run a strategy over stored data and write its report',
  usage: USAGE,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          ...SETTINGS_OPTIONS,
          report: { type: 'string' },
          json: { type: 'string' },
          'trades-csv': { type: 'string' },
          'daily-csv': { type: 'string' },
          'roundtrips-csv': { type: 'string' },
          keep: { type: 'boolean', default: false },
        },
        strict: true,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const contracts = ContractRegistry.load();
    const ctx = openSource(values, contracts, values.keep);
    try {
      const settings = settingsFrom(values, contracts, ctx);
      const prepared = prepareBacktest(settings, { contracts, source: ctx.source });
      const progress = new Progress(`回测 backtest ${describeRange(settings)}`);
      // On a backtest thread of its own, as the app runs one (its young generation sized for a backtest: nursery.ts).
      const pool = await BacktestPool.start(prepared.settings, prepared.data, 1);
      let result: BacktestResult;
      try {
        result = await pool.full((done, total) => progress.update(done, total));
      } finally {
        await pool.close();
      }
      progress.finish(result.statistics.bars, result.statistics.bars);
      for (const p of result.problems) console.error(`${p.level}: ${p.source}: ${p.message}`);
      console.log(`\n${result.strategy.name} (${result.strategy.className}) ${describeRange(settings)}`);
      console.log(statisticsTable(result.statistics));
      console.log(`  用时 elapsed ${(result.elapsedMs / 1000).toFixed(2)} s`);
      let kept = result;
      if (values.keep) {
        const id = new BacktestHistory(ctx.db!).save(result);
        kept = { ...result, id };
        console.log(`已保存到回测历史 kept in the history as run ${id}`);
      }
      write(values.report, () => renderHtmlReport(kept), '报告 report');
      write(values.json, () => resultJson(kept), 'JSON');
      write(values['trades-csv'], () => tradesCsv(kept), '成交 fills');
      write(values['daily-csv'], () => dailyCsv(kept), '每日 daily');
      write(values['roundtrips-csv'], () => roundTripsCsv(kept), '开平仓 round trips');
      return 0;
    } catch (e) {
      return reportFailure(e);
    } finally {
      ctx.close();
    }
  },
};
