interface Props {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** What the figures count, already in words ("1,200 / 5,000 根K线"). */
  readonly text?: string;
  readonly onCancel?: (() => void) | undefined;
  readonly cancelLabel?: string;
}

/** A job's progress: a bar that screen readers read as a percentage, the figures, and a cancel button. */
export function Progress({ label, done, total, text, onCancel, cancelLabel }: Props) {
  const pct = total > 0 ? Math.min(100, Math.max(0, (done / total) * 100)) : 0;
  return (
    <div className="progress-row">
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="num progress-text">
        {pct.toFixed(0)}%{text ? ` · ${text}` : ''}
      </span>
      {onCancel !== undefined && (
        <button type="button" className="btn small danger" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}
