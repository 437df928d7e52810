import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDay, formatShanghai, parseDay } from '../../shared/model/time';
import { UsageError } from '../cli/command';
import { defaultProfileDir } from '../engine/terminal';
import { DataError } from './data-error';
import { DataService, type DownloadSettings } from './data-service';

/** What the data commands of the CLI (import, export, coverage, download) share. */

export const PROFILE_OPTION = { profile: { type: 'string' } } as const;
export const PROFILE_USAGE = `  --profile DIR   the profile's folder (default $QIHUO_PROFILE or ~/.qihuo-terminal/profiles/default)`;

export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function openService(profile: string | undefined, settings: DownloadSettings = {}): DataService {
  return DataService.open(profile ?? defaultProfileDir(), undefined, settings);
}

/** A yyyy-mm-dd, yyyymmdd or yyyy/mm/dd option as a trading-day bound. */
export function dayOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const d = parseDay(value);
  if (d === undefined) throw new UsageError(`--${name} must be a date such as 2019-06-01 (got ${value})`);
  return d;
}

/** Runs a command body; a DataError is printed in Chinese and English and exits 1. */
export async function reportErrors(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DataError) {
      console.error(`错误：${e.message}`);
      console.error(`Error: ${e.english}`);
      return 1;
    }
    throw e;
  }
}

export const fmtTime = (t: number): string => (Number.isFinite(t) ? formatShanghai(t, false) : '-');
export const fmtDay = (d: number): string => (d > 0 ? formatDay(d) : '-');
export const fmtInt = (n: number): string => n.toLocaleString('en-US');
