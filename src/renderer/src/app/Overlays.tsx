import { useEffect, useRef } from 'react';
import { useLang, useServices, useSlice, useT } from './context';
import { toastString } from './toast-text';

/** Toasts: refusals with their reason, failed requests; errors stay longer. */
export function Toasts() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const toasts = useSlice(svc.toasts, (s) => s.toasts);
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((x) => (
        <div key={x.id} className={`toast ${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
          <span>{toastString(x.text, lang)}</span>
          <button type="button" className="icon-btn" aria-label={t('toast.dismiss')} onClick={() => svc.toasts.setState((s) => ({ toasts: s.toasts.filter((y) => y.id !== x.id) }))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** The confirmation dialog: Enter confirms, Escape cancels, focus starts on the confirm button. */
export function ConfirmDialog() {
  const svc = useServices();
  const t = useT();
  const req = useSlice(svc.confirm, (s) => s.request);
  const okRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    if (req === undefined) return;
    returnTo.current = document.activeElement;
    okRef.current?.focus();
    return () => {
      if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
    };
  }, [req]);
  if (req === undefined) return null;
  return (
    <div className="modal-backdrop" onMouseDown={() => req.resolve(false)}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            req.resolve(false);
          } else if (e.key === 'Tab') {
            // Keep the focus inside the dialog.
            const buttons = [...e.currentTarget.querySelectorAll('button')];
            const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
            e.preventDefault();
            buttons[(i + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
          }
        }}
      >
        <h2 id="confirm-title">{req.title}</h2>
        {req.lines.map((l, i) => (
          <p key={i}>{l}</p>
        ))}
        <div className="modal-buttons">
          <button type="button" className="btn" onClick={() => req.resolve(false)}>
            {t('confirm.cancel')}
          </button>
          <button ref={okRef} type="button" className={`btn primary${req.danger ? ' danger' : ''}`} onClick={() => req.resolve(true)}>
            {t('confirm.ok')}
          </button>
        </div>
      </div>
    </div>
  );
}
