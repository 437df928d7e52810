import { fmtDay, fmtInt, fmtTime, openService, parseCli, PROFILE_OPTION, PROFILE_USAGE, reportErrors } from '../data/data-cli';
import { UsageError, type CliCommand } from './command';

const USAGE = `Usage: npm run cli -- coverage [SYMBOL] [--period P] [--gaps]

Lists what the profile's store holds: per series and period the first and last bar, the count, and the gaps against
the trading calendar (missing trading days) and the product's sessions (short days).

  --period P      only this period (1m, 1d, tick ...)
  --gaps          list the gaps, not only count them
${PROFILE_USAGE}`;

export const coverageCommand: CliCommand = {
  name: 'coverage',
  summary: 'what market data is stored, with gaps',
  usage: USAGE,
  run: (argv) =>
    reportErrors(async () => {
      const { values, positionals } = parseCli(argv, { ...PROFILE_OPTION, period: { type: 'string' }, gaps: { type: 'boolean' } });
      if (positionals.length > 1) throw new UsageError('give at most one SYMBOL');
      const service = openService(values.profile);
      const rows = service.coverage({
        ...(positionals[0] !== undefined ? { symbol: positionals[0] } : {}),
        ...(values.period !== undefined ? { period: values.period } : {}),
        gaps: values.gaps ?? false,
      });
      if (rows.length === 0) console.log('No market data stored.');
      else {
        console.log(`${'series'.padEnd(18)} ${'period'.padEnd(6)} ${'bars'.padStart(10)}  ${'first'.padEnd(16)}  ${'last'.padEnd(16)}  days  missing  short`);
      }
      for (const r of rows) {
        console.log(
          `${r.symbol.padEnd(18)} ${r.period.padEnd(6)} ${fmtInt(r.count).padStart(10)}  ${fmtTime(r.firstTime).padEnd(16)}  ${fmtTime(r.lastTime).padEnd(16)}  ${String(r.daysWithData).padStart(4)}  ${String(r.missingDays).padStart(7)}  ${String(r.shortDays).padStart(5)}`,
        );
        for (const g of r.gaps ?? []) {
          if (g.kind === 'missingDays') console.log(`    missing ${fmtDay(g.from)}${g.days > 1 ? ` .. ${fmtDay(g.to)}` : ''} (${g.days} trading day${g.days > 1 ? 's' : ''})`);
          else console.log(`    short   ${fmtDay(g.day)}: ${g.actual} of ${g.expected} bars`);
        }
      }
      service.db.close();
      return 0;
    }),
};
