import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { optimizationSchema, OPTIMIZATION_TARGETS, walkForwardSchema, type OptimizationResult, type ParamRange } from '../../shared/ipc/backtest';
import { formatDay } from '../../shared/model/time';
import { describeRange, openSource, parseValue, SETTINGS_OPTIONS, SETTINGS_USAGE, settingsFrom } from '../backtest/cli-settings';
import { optimize, walkForward } from '../backtest/optimizer';
import { defaultWorkers } from '../backtest/pool';
import { formatStatistic, formatTargetValue } from '../../shared/ipc/backtest-figures';
import { prepareBacktest } from '../backtest/setup';
import { ContractRegistry } from '../trading/contracts';
import { reportFailure } from './backtest';
import { UsageError, type CliCommand } from './command';
import { Progress } from './progress';

const USAGE = `Usage: npm run cli -- optimize --strategy FILE --symbol SYMBOL --range NAME=MIN:MAX[:STEP] [...] [options]

Optimises a strategy's parameters over stored data on every core: a grid of every combination, or a genetic search,
sorted best first by a target; with --walk-forward, optimises on a window and tests the winner on the next, rolling.

${SETTINGS_USAGE}
  --range SPEC      a parameter to vary: NAME=MIN:MAX:STEP, NAME=MIN:MAX (the declared step), NAME=a,b,c (values),
                    or NAME (the declared min, max and step); repeat for each
  --method M        grid (default) or genetic
  --target T        what to maximise: ${OPTIMIZATION_TARGETS.join(', ')} (default sharpeRatio; drawdowns are minimised)
  --workers N       worker threads (default every core: ${defaultWorkers()})
  --population N, --generations N, --seed N   the genetic search (defaults 40, 20, 1)
  --max-runs N      refuse a grid larger than this (default 100000)
  --top N           rows to print (default 20)
  --walk-forward TRAIN:TEST[:STEP]   walk-forward analysis with windows of trading days, e.g. 60:20
  --json FILE       write the result as JSON
  --csv FILE        write every run's parameters and statistics as CSV

Example:
  npm run cli -- optimize --strategy strategies/dual-ma.ts --symbol SHFE.rb2005 --range fast=5:20:5 --range slow=20:60:10`;

export function parseRange(text: string): ParamRange {
  const eq = text.indexOf('=');
  if (eq < 0) return { name: text.trim() };
  const name = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  if (spec.includes(',')) return { name, values: spec.split(',').map((v) => parseValue(v.trim())) };
  const parts = spec.split(':').map((x) => Number(x));
  if ((parts.length !== 2 && parts.length !== 3) || parts.some((x) => !Number.isFinite(x))) {
    throw new UsageError(`--range ${text}: expected NAME=MIN:MAX[:STEP] or NAME=a,b,c`);
  }
  return { name, min: parts[0]!, max: parts[1]!, ...(parts[2] !== undefined ? { step: parts[2] } : {}) };
}

function rowsCsv(r: OptimizationResult): string {
  const names = Object.keys(r.rows[0]?.params ?? {});
  const stats = Object.keys(r.rows[0]?.statistics ?? {});
  const lines = [[...names, 'value', ...stats].join(',')];
  for (const row of r.rows) lines.push([...names.map((n) => String(row.params[n])), Number.isFinite(row.value) ? row.value : '', ...stats.map((s) => row.statistics[s as keyof typeof row.statistics])].join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export const optimizeCommand: CliCommand = {
  name: 'optimize',
  summary: 'optimise a strategy\u2019s parameters (grid, genetic, walk-forward) on every core',
  usage: USAGE,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          ...SETTINGS_OPTIONS,
          range: { type: 'string', multiple: true },
          method: { type: 'string', default: 'grid' },
          target: { type: 'string', default: 'sharpeRatio' },
          workers: { type: 'string' },
          population: { type: 'string' },
          generations: { type: 'string' },
          seed: { type: 'string' },
          'max-runs': { type: 'string' },
          top: { type: 'string', default: '20' },
          'walk-forward': { type: 'string' },
          json: { type: 'string' },
          csv: { type: 'string' },
        },
        strict: true,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const ranges = (values.range ?? []).map(parseRange);
    if (ranges.length === 0) throw new UsageError('give at least one --range NAME=MIN:MAX:STEP');
    const num = (name: string, v: string | undefined): number | undefined => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number (got ${v})`);
      return n;
    };
    const genetic = {
      ...(values.population !== undefined ? { population: num('population', values.population) } : {}),
      ...(values.generations !== undefined ? { generations: num('generations', values.generations) } : {}),
      ...(values.seed !== undefined ? { seed: num('seed', values.seed) } : {}),
    };
    const spec = optimizationSchema.safeParse({
      method: values.method,
      target: values.target,
      ranges,
      ...(values.method === 'genetic' ? { genetic } : {}),
      ...(values.workers !== undefined ? { workers: num('workers', values.workers) } : {}),
      ...(values['max-runs'] !== undefined ? { maxRuns: num('max-runs', values['max-runs']) } : {}),
    });
    if (!spec.success) {
      const i = spec.error.issues[0]!;
      throw new UsageError(`${i.path.join('.')}: ${i.message}`);
    }
    let wf;
    if (values['walk-forward'] !== undefined) {
      const [train, test, step] = values['walk-forward'].split(':').map(Number);
      const parsed = walkForwardSchema.safeParse({ trainDays: train, testDays: test, ...(step !== undefined ? { stepDays: step } : {}) });
      if (!parsed.success) throw new UsageError(`--walk-forward must be TRAIN:TEST[:STEP] trading days, e.g. 60:20 (got ${values['walk-forward']})`);
      wf = parsed.data;
    }
    const top = num('top', values.top) ?? 20;
    const contracts = ContractRegistry.load();
    const ctx = openSource(values, contracts, false);
    try {
      const settings = settingsFrom(values, contracts, ctx);
      const prepared = prepareBacktest(settings, { contracts, source: ctx.source });
      const progress = new Progress(`${wf ? '滚动优化 walk-forward' : '优化 optimize'} ${describeRange(settings)}`);
      const hooks = { onProgress: (done: number, total: number, best: number | undefined) => progress.update(done, total, best === undefined ? '' : `best ${formatTargetValue(best, 3)}`) };
      const stop = (): void => {
        console.error('\n已取消 cancelling ...');
        cancel?.();
      };
      let cancel: (() => void) | undefined;
      process.once('SIGINT', stop);
      const withCancel = { ...hooks, onCancel: (c: () => void) => (cancel = c) };
      try {
        if (wf !== undefined) {
          const r = await walkForward(prepared, spec.data, wf, withCancel);
          progress.finish(1, 1);
          console.log(`\n${settings.strategyFile}: ${r.windows.length} 个窗口 windows, target ${r.target}${r.cancelled ? ' (已取消 cancelled)' : ''}`);
          for (const w of r.windows) {
            const params = Object.entries(w.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
            console.log(`  训练 train ${formatDay(w.trainFrom)}~${formatDay(w.trainTo)} ${formatTargetValue(w.trainValue, 3)} | 测试 test ${formatDay(w.testFrom)}~${formatDay(w.testTo)} ${formatTargetValue(w.testValue, 3)} net ${formatStatistic('totalNetPnl', w.test.totalNetPnl)} | ${params}`);
          }
          console.log(`  样本外总盈亏 out-of-sample net P&L ${formatStatistic('totalNetPnl', r.totalNetPnl)}, 效率 efficiency ${r.efficiency.toFixed(2)}, ${(r.elapsedMs / 1000).toFixed(1)} s`);
          if (values.json !== undefined) fs.writeFileSync(path.resolve(values.json), JSON.stringify(r, null, 1));
          return r.cancelled ? 130 : 0;
        }
        const r = await optimize(prepared, spec.data, withCancel);
        progress.finish(r.runs, r.runs);
        console.log(`\n${r.runs} 次回测 runs on ${r.workers} 线程 workers in ${(r.elapsedMs / 1000).toFixed(1)} s, target ${r.target}${r.cancelled ? ' (已取消 cancelled)' : ''}`);
        for (const row of r.rows.slice(0, top)) {
          const params = Object.entries(row.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
          const s = row.statistics;
          console.log(`  ${formatTargetValue(row.value, 4).padStart(12)}  ${params.padEnd(30)} 盈亏 P&L ${formatStatistic('totalNetPnl', s.totalNetPnl).padStart(12)}  回撤 DD ${formatStatistic('maxDrawdown', s.maxDrawdown).padStart(10)}  成交 fills ${s.totalTradeCount}`);
        }
        if (values.json !== undefined) fs.writeFileSync(path.resolve(values.json), JSON.stringify(r, null, 1));
        if (values.csv !== undefined) fs.writeFileSync(path.resolve(values.csv), rowsCsv(r));
        return r.cancelled ? 130 : 0;
      } finally {
        process.off('SIGINT', stop);
      }
    } catch (e) {
      return reportFailure(e);
    } finally {
      ctx.close();
    }
  },
};
