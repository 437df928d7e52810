import { fmtInt, openService, parseCli, PROFILE_OPTION, PROFILE_USAGE, reportErrors } from '../data/data-cli';
import { UsageError, type CliCommand } from './command';
import { Progress } from './progress';

const USAGE = `Usage: npm run cli -- download [PRODUCT...] [--period 1d|1m|all] [--interval MS] [--force]

Downloads daily and 1-minute bars of the main contract (主力连续) of each product (all listed products when none is
named) from Sina Finance's public quote endpoints, stored as KQ.m@SHFE.rb etc. Requests are spaced out and retried;
a run that was interrupted resumes, skipping series already brought up to date since the last close.

  --period P      1d, 1m or all (default all)
  --interval MS   at least this long between requests (default 2000)
  --force         download again what is up to date
  --base-url URL  another address of the same endpoints (a mirror, a test server)
${PROFILE_USAGE}`;

export const downloadCommand: CliCommand = {
  name: 'download',
  summary: 'download main-contract daily and minute bars (Sina)',
  usage: USAGE,
  run: (argv) =>
    reportErrors(async () => {
      const { values, positionals } = parseCli(argv, {
        ...PROFILE_OPTION,
        period: { type: 'string', default: 'all' },
        interval: { type: 'string' },
        force: { type: 'boolean' },
        'base-url': { type: 'string' },
      });
      const periods = values.period === 'all' ? (['1d', '1m'] as const) : values.period === '1d' || values.period === '1m' ? ([values.period] as const) : undefined;
      if (periods === undefined) throw new UsageError('--period must be 1d, 1m or all');
      const interval = values.interval === undefined ? undefined : Number(values.interval);
      if (interval !== undefined && !(interval >= 0)) throw new UsageError('--interval must be a number of milliseconds');
      const settings = {
        ...(interval !== undefined ? { minIntervalMs: interval } : {}),
        ...(values.force ? { force: true } : {}),
        ...(values['base-url'] !== undefined ? { baseUrl: values['base-url'] } : {}),
      };
      const service = openService(values.profile, settings);
      const progress = new Progress('下载 download');
      const stop = (): void => void service.cancel({ jobId: 'cli-download' });
      process.once('SIGINT', stop);
      const r = await service.download({ ...(positionals.length > 0 ? { products: positionals } : {}), periods, jobId: 'cli-download' }, (p) =>
        progress.update(p.done, p.total, p.current ?? ''),
      );
      process.off('SIGINT', stop);
      const count = (s: string): number => r.items.filter((i) => i.status === s).length;
      progress.finish(1, 1, `${count('done')} done, ${count('upToDate')} up to date, ${count('failed')} failed`);
      for (const i of r.items) {
        if (i.status === 'done') console.log(`  ${i.symbol} ${i.period}: ${fmtInt(i.bars)} bars, ${fmtInt(i.added)} new${i.rejected ? `, ${i.rejected} rejected` : ''}`);
        else if (i.status === 'failed') console.log(`  ${i.symbol} ${i.period}: failed: ${i.error ?? ''}`);
      }
      service.db.close();
      return count('failed') > 0 ? 1 : 0;
    }),
};
