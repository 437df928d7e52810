import { useMemo } from 'react';
import type { LogEntry } from '../../../shared/model/types';
import { formatShanghai } from '../../../shared/model/time';
import { logText } from '../../../shared/i18n/journal-messages';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { VirtualTable, type Column } from '../table/VirtualTable';

interface LogRow extends LogEntry {
  readonly seq: number;
}

/** The terminal's own parts, shown as 系统 (a gateway, a strategy or the trader is shown by name). */
const SYSTEM = new Set(['engine', 'terminal', 'oms']);
const LEVEL_RANK: Record<LogEntry['level'], number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * 日志: the account's journal (fills, refused and cancelled orders, settlements, the gateway's connection, strategies
 * started and stopped) with the engine's and the strategies' own lines, worded in the UI's language where they can be.
 */
export function LogsPanel() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const version = useSlice(svc.stores.logs, (s) => s.version);
  const rows = useMemo(() => {
    void version;
    return svc.stores.logs.getState().list.map((l, i): LogRow => ({ ...l, seq: i }));
  }, [version, svc]);
  const columns = useMemo((): Column<LogRow>[] => {
    const text = (l: LogRow): string => logText(l, lang);
    const source = (l: LogRow): string => (l.source === 'manual' ? t('source.manual') : SYSTEM.has(l.source) ? t('source.system') : l.source);
    const level = (l: LogRow): string => t(`log.${l.level}`);
    return [
      { key: 'time', title: t('col.time'), width: 150, sortValue: (l) => l.seq, filterText: (l) => formatShanghai(l.time), render: (l) => formatShanghai(l.time) },
      { key: 'level', title: t('col.level'), width: 60, sortValue: (l) => LEVEL_RANK[l.level], filterText: level, cellClass: (l) => `log-${l.level}`, render: level },
      { key: 'source', title: t('col.source'), width: 110, sortValue: source, filterText: source, render: source },
      { key: 'message', title: t('col.message'), width: 640, sortValue: text, filterText: text, render: (l) => <span title={text(l)}>{text(l)}</span> },
    ];
  }, [t, lang]);
  return (
    <div className="panel">
      <VirtualTable label={t('panel.logs')} rows={rows} columns={columns} rowKey={(l) => String(l.seq)} defaultSort={{ key: 'time', dir: 'desc' }} />
    </div>
  );
}
