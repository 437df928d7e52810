import { useMemo } from 'react';
import type { LogEntry } from '../../../shared/model/types';
import { formatShanghai } from '../../../shared/model/time';
import { useServices, useSlice, useT } from '../app/context';
import { VirtualTable, type Column } from '../table/VirtualTable';

interface LogRow extends LogEntry {
  readonly seq: number;
}

/** 日志: the engine's log lines (replay, gateway, strategy errors). */
export function LogsPanel() {
  const svc = useServices();
  const t = useT();
  const version = useSlice(svc.stores.logs, (s) => s.version);
  const rows = useMemo(() => {
    void version;
    return svc.stores.logs.getState().list.map((l, i): LogRow => ({ ...l, seq: i }));
  }, [version, svc]);
  const columns = useMemo(
    (): Column<LogRow>[] => [
      { key: 'time', title: t('col.time'), width: 150, sortValue: (l) => l.seq, filterText: (l) => formatShanghai(l.time), render: (l) => formatShanghai(l.time) },
      { key: 'level', title: t('col.level'), width: 60, sortValue: (l) => l.level, cellClass: (l) => `log-${l.level}`, render: (l) => l.level },
      { key: 'source', title: t('col.source'), width: 90, sortValue: (l) => l.source, render: (l) => l.source },
      { key: 'message', title: t('col.message'), width: 640, sortValue: (l) => l.message, render: (l) => <span title={l.message}>{l.message}</span> },
    ],
    [t],
  );
  return (
    <div className="panel">
      <VirtualTable label={t('panel.logs')} rows={rows} columns={columns} rowKey={(l) => String(l.seq)} defaultSort={{ key: 'time', dir: 'desc' }} />
    </div>
  );
}
