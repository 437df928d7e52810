import { formatShanghai, shanghaiMinuteOfDay } from '../../../shared/model/time';
import type { SessionGrid } from '../../strategy/bar-generator';

export interface TimeLabelEvidence {
  /** Rows stamped at a session's opening minute (21:00, 09:00, 13:30): only start-labelled bars have those. */
  readonly startHits: number;
  /** Rows stamped at a session's closing minute (15:00, 23:00, 11:30): only end-labelled bars have those. */
  readonly endHits: number;
  readonly endExample: string;
}

/**
 * Tells whether intraday bar times (read as start times) are really start or end times, from where they fall
 * against the product's sessions. Chinese terminals differ: TqSdk and vnpy write a bar's start, 通达信, 文华 and Sina
 * its end (the first night bar as 21:01, the last as 23:00).
 */
export function timeLabelEvidence(times: Iterable<number>, grid: SessionGrid): TimeLabelEvidence {
  const starts = new Set(grid.ranges.map((r) => r.start));
  const ends = new Set(grid.ranges.map((r) => r.end).filter((m) => !grid.inSession(m)));
  let startHits = 0;
  let endHits = 0;
  let endExample = '';
  for (const t of times) {
    const m = shanghaiMinuteOfDay(t);
    if (starts.has(m)) startHits++;
    if (ends.has(m)) {
      endHits++;
      endExample ||= formatShanghai(t, false);
    }
  }
  return { startHits, endHits, endExample };
}

/** The label the evidence points to, or undefined when it cannot tell. */
export function decideTimeLabel(e: TimeLabelEvidence): 'start' | 'end' | undefined {
  if (e.endHits > e.startHits) return 'end';
  if (e.startHits > e.endHits) return 'start';
  return undefined;
}
