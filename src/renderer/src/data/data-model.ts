import type { CoverageGap, ImportField, ImportMapping } from '../../../shared/ipc/data';
import { formatDay } from '../../../shared/model/time';

/**
 * The import wizard's pure part: which field each column of the file holds (the detected mapping the trader
 * corrects), and the store's gaps in words.
 */

/** The field each column holds, by column index (the mapping keeps it the other way round). */
export function fieldsByColumn(mapping: ImportMapping): Map<number, ImportField> {
  const out = new Map<number, ImportField>();
  for (const [field, col] of Object.entries(mapping.columns) as [ImportField, number | undefined][]) if (col !== undefined) out.set(col, field);
  return out;
}

/**
 * The mapping with column `index` holding `field` (or nothing): a field sits in one column only, so it leaves the
 * column it was in; what the column held before is dropped.
 */
export function withColumn(mapping: ImportMapping, index: number, field: ImportField | ''): ImportMapping {
  const columns: Partial<Record<ImportField, number>> = {};
  for (const [f, col] of Object.entries(mapping.columns) as [ImportField, number | undefined][]) {
    if (col === undefined || col === index || f === field) continue;
    columns[f] = col;
  }
  if (field !== '') columns[field] = index;
  return { ...mapping, columns };
}

/** What the bar fields need: a time (datetime, or date with or without time) and the four prices. */
export function missingFields(mapping: ImportMapping): ImportField[] {
  const c = mapping.columns;
  const out: ImportField[] = [];
  if (c.datetime === undefined && c.date === undefined) out.push('datetime');
  if (mapping.kind === 'tick') {
    if (c.last === undefined) out.push('last');
    return out;
  }
  for (const f of ['open', 'high', 'low', 'close'] as const) if (c[f] === undefined) out.push(f);
  return out;
}

export function gapText(g: CoverageGap, lang: 'zh' | 'en'): string {
  if (g.kind === 'missingDays') {
    const range = g.from === g.to ? formatDay(g.from) : `${formatDay(g.from)} ~ ${formatDay(g.to)}`;
    return lang === 'zh' ? `${range} 缺 ${g.days} 个交易日` : `${range}: ${g.days} trading day(s) missing`;
  }
  return lang === 'zh' ? `${formatDay(g.day)} 只有 ${g.actual}/${g.expected} 根` : `${formatDay(g.day)}: ${g.actual} of ${g.expected} bars`;
}
