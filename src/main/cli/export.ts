import { dayOption, fmtInt, openService, parseCli, PROFILE_OPTION, PROFILE_USAGE, reportErrors } from '../data/data-cli';
import { UsageError, type CliCommand } from './command';
import { Progress } from './progress';

const USAGE = `Usage: npm run cli -- export SYMBOL PERIOD FILE [--from DATE] [--to DATE]

Writes stored bars (any period: built from 1-minute bars if not stored as such) or ticks (PERIOD tick) to CSV in
the bundled sample's layout: datetime,open,high,low,close,volume,open_interest (bar start times, exchange time).

  --from DATE     first trading day (2019-06-01)
  --to DATE       last trading day
${PROFILE_USAGE}`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export stored bars or ticks to CSV',
  usage: USAGE,
  run: (argv) =>
    reportErrors(async () => {
      const { values, positionals } = parseCli(argv, { ...PROFILE_OPTION, from: { type: 'string' }, to: { type: 'string' } });
      const [symbol, period, file] = positionals;
      if (symbol === undefined || period === undefined || file === undefined || positionals.length > 3) throw new UsageError('give SYMBOL, PERIOD and FILE');
      const from = dayOption('from', values.from);
      const to = dayOption('to', values.to);
      const service = openService(values.profile);
      const progress = new Progress(`导出 ${symbol} ${period}`);
      const r = await service.export(
        { symbol, period, file, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
        (p) => progress.update(p.done, p.total, `${fmtInt(p.rows ?? 0)} rows`),
      );
      progress.finish(1, 1, `${fmtInt(r.rows)} rows`);
      console.log(`${r.file}: ${fmtInt(r.rows)} rows`);
      service.db.close();
      return 0;
    }),
};
