import type { LogLevel } from '../../shared/model/enums';
import type { LogEntry } from '../../shared/model/types';
import type { Db } from './db';

/** Lines kept per account (a busy month of trading fits): older ones are dropped at start and as lines come. */
export const KEPT_LOG_LINES = 100_000;
/** Lines written between two prunings: a strategy that logs on every tick cannot grow the database without end. */
const PRUNE_EVERY = 10_000;

interface LogRow {
  time: number;
  level: string;
  source: string;
  message: string;
  message_key: string | null;
}

const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

/** An account's log lines in the profile's database, so that 日志 still shows them after a restart. */
export class LogStore {
  private readonly insert;
  private readonly latest;
  private readonly dropOld;
  private written = 0;

  constructor(
    db: Db,
    private readonly accountId: string,
  ) {
    this.insert = db.prepare('INSERT INTO log_line (account_id, time, level, source, message, message_key) VALUES (?, ?, ?, ?, ?, ?)');
    this.latest = db.prepare('SELECT time, level, source, message, message_key FROM log_line WHERE account_id = ? ORDER BY id DESC LIMIT ?');
    this.dropOld = db.prepare('DELETE FROM log_line WHERE account_id = ? AND id <= (SELECT id FROM log_line WHERE account_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)');
    this.prune();
  }

  append(l: LogEntry): void {
    this.insert.run(this.accountId, l.time, l.level, l.source, l.message, l.messageKey !== undefined ? JSON.stringify(l.messageKey) : null);
    if (++this.written % PRUNE_EVERY === 0) this.prune();
  }

  private prune(): void {
    this.dropOld.run(this.accountId, this.accountId, KEPT_LOG_LINES);
  }

  /** The latest `count` lines, oldest first. */
  recent(count: number): LogEntry[] {
    const rows = this.latest.all(this.accountId, count) as LogRow[];
    return rows.reverse().map((r) => ({
      time: r.time,
      level: LEVELS.has(r.level) ? (r.level as LogLevel) : 'info',
      source: r.source,
      message: r.message,
      ...(r.message_key !== null ? { messageKey: parseKey(r.message_key) } : {}),
    }));
  }
}

/** A stored line's code and parameters; a damaged one is left out and the line keeps its own text. */
function parseKey(json: string): LogEntry['messageKey'] {
  try {
    const k = JSON.parse(json) as { code?: unknown; params?: unknown };
    if (typeof k.code === 'string' && typeof k.params === 'object' && k.params !== null) return { code: k.code, params: k.params as Record<string, string | number> };
  } catch {
    // Not JSON: the line is shown as written.
  }
  return undefined;
}
