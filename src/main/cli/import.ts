import { formatDataMessage } from '../../shared/ipc/data';
import { fmtInt, fmtTime, openService, parseCli, PROFILE_OPTION, PROFILE_USAGE, reportErrors } from '../data/data-cli';
import { resolveSeries } from '../data/series-id';
import { UsageError, type CliCommand } from './command';
import { Progress } from './progress';

const USAGE = `Usage: npm run cli -- import FILE... [--symbol S] [--period P] [--preview] [options]

Imports bar or tick files as traders have them (vnpy, TqSdk, 文华 WH6, 通达信, 交易开拓者, MultiCharts, RiceQuant,
plain CSV/TXT; UTF-8 or GBK) into the profile's store. The layout, the contract and the period are told from the
file where they can be; bad rows are counted and listed with their line numbers; a failed import writes nothing.

  --symbol S          the series to store the rows as (SHFE.rb2505, rb2505, KQ.m@SHFE.rb, rb888)
  --period P          1m, 5m, 1h, 1d ... (default: from the rows' spacing)
  --preview           show the detected layout and the first rows, write nothing
  --time-label L      start or end: whether bar times are the bar's start or end (default: detected)
  --date-order O      ymd, mdy or dmy for dates like 05/06/2019 (default: detected)
  --no-session-check  keep rows outside today's trading sessions (old history)
  --continuous        then rebuild the product's main-contract series and index from its stored contracts
${PROFILE_USAGE}`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import bar or tick files (vnpy, TqSdk, 文华, 通达信, TB, MultiCharts, CSV)',
  usage: USAGE,
  run: (argv) =>
    reportErrors(async () => {
      const { values, positionals } = parseCli(argv, {
        ...PROFILE_OPTION,
        symbol: { type: 'string' },
        period: { type: 'string' },
        preview: { type: 'boolean' },
        'time-label': { type: 'string' },
        'date-order': { type: 'string' },
        'no-session-check': { type: 'boolean' },
        continuous: { type: 'boolean' },
      });
      if (positionals.length === 0) throw new UsageError('name at least one file to import');
      const timeLabel = values['time-label'];
      if (timeLabel !== undefined && timeLabel !== 'start' && timeLabel !== 'end') throw new UsageError('--time-label must be start or end');
      const dateOrder = values['date-order'];
      if (dateOrder !== undefined && !['ymd', 'mdy', 'dmy'].includes(dateOrder)) throw new UsageError('--date-order must be ymd, mdy or dmy');
      const service = openService(values.profile);
      const products = new Set<string>();
      let failed = 0;
      for (const file of positionals) {
        const base = { file, ...(values.symbol ? { symbol: values.symbol } : {}), ...(values.period ? { period: values.period } : {}) };
        let preview = service.importPreview(base);
        // Corrections from the command line go into the detected mapping, as the preview dialog does.
        if (timeLabel !== undefined || dateOrder !== undefined || values['no-session-check']) {
          const mapping = {
            ...preview.mapping,
            ...(timeLabel !== undefined ? { timeLabel: timeLabel as 'start' | 'end' } : {}),
            ...(dateOrder !== undefined ? { dateOrder: dateOrder as 'ymd' | 'mdy' | 'dmy' } : {}),
            ...(values['no-session-check'] ? { checkSessions: false } : {}),
          };
          preview = service.importPreview({ ...base, mapping });
        }
        console.log(`${file}: ${preview.format}, ${preview.mapping.encoding}, ${preview.symbol ?? '?'} ${preview.period ?? '?'}, times are bar ${preview.mapping.timeLabel}s`);
        for (const n of preview.notes) console.log(`  注意 ${n.message} | ${formatDataMessage(n.code, n.params, 'en')}`);
        if (values.preview) {
          const cols = Object.entries(preview.mapping.columns).map(([f, c]) => `${f}=${preview.columns[c!] ?? `col${c! + 1}`}`);
          console.log(`  columns: ${cols.join(', ')}`);
          for (const b of preview.bars.slice(0, 5)) console.log(`  ${fmtTime(b.time)} ${b.tradingDay} O ${b.open} H ${b.high} L ${b.low} C ${b.close} V ${b.volume} OI ${b.openInterest}`);
          for (const b of preview.bad.slice(0, 5)) console.log(`  line ${b.line}: ${b.reason.message}`);
          continue;
        }
        const progress = new Progress(`导入 ${file}`);
        try {
          const r = await service.import({ ...base, mapping: preview.mapping }, (p) => progress.update(p.done, p.total, `${fmtInt(p.rows ?? 0)} rows, ${fmtInt(p.badRows ?? 0)} bad`));
          progress.finish(1, 1, `${fmtInt(r.rows)} rows, ${fmtInt(r.badRows)} bad`);
          for (const s of r.series) {
            console.log(`  ${s.symbol} ${s.period}: ${fmtInt(s.rows)} rows ${fmtTime(s.firstTime)} .. ${fmtTime(s.lastTime)}; new ${fmtInt(s.added)}, changed ${fmtInt(s.replaced)}, already stored ${fmtInt(s.unchanged)}`);
            const id = resolveSeries(service.contracts, s.symbol);
            if (!('error' in id) && id.kind === 'contract') products.add(id.product.product);
          }
          if (r.badRows > 0) {
            console.log(`  ${fmtInt(r.badRows)} bad rows: ${Object.entries(r.badByReason).map(([k, n]) => `${k} ${n}`).join(', ')}`);
            for (const b of r.bad.slice(0, 20)) console.log(`    line ${b.line}: ${b.reason.message} | ${formatDataMessage(b.reason.code, b.reason.params, 'en')}`);
          }
        } catch (e) {
          progress.finish(0, 1, 'failed');
          failed++;
          if (positionals.length === 1) throw e;
          console.error(`  ${(e as Error).message}`);
        }
      }
      if (values.continuous && !values.preview) {
        for (const p of products) {
          const r = service.continuous({ product: p });
          console.log(`${r.main}: ${r.rolls.length - 1} rolls; ${r.periods.map((x) => `${x.period} ${fmtInt(x.mainRows)} bars`).join(', ')}; index ${r.index}`);
        }
      }
      service.db.close();
      return failed > 0 ? 1 : 0;
    }),
};
