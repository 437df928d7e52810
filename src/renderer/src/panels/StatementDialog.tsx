import { useEffect, useState } from 'react';
import type { StatementView } from '../../../shared/model/statement';
import { formatDay } from '../../../shared/model/time';
import { useLang, useServices, useT } from '../app/context';
import { download } from '../backtest/report-files';
import { toClientError, type ClientError } from '../client/client';
import { Modal } from '../common/Modal';
import { errorText } from '../i18n/error-text';
import { statementFileName, statementText } from './statement-text';

/**
 * 结算单: a settled trading day's statement of the account on screen, any day it has one, as text a trader can save.
 * A live account shows its broker's statement where the broker sent one, the terminal's own below it.
 */
export function StatementDialog({ onClose }: { readonly onClose: () => void }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [day, setDay] = useState<number | undefined>(undefined);
  const [view, setView] = useState<StatementView | undefined>(undefined);
  const [error, setError] = useState<ClientError | undefined>(undefined);

  useEffect(() => {
    let live = true;
    svc.client
      .call('account.statement', day === undefined ? {} : { tradingDay: day })
      .then((v) => {
        if (!live) return;
        setView(v);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(toClientError(e)));
    return () => {
      live = false;
    };
  }, [svc, day]);

  const own = view?.statement !== undefined ? statementText(view.statement, t) : undefined;
  const text = [view?.brokerText, own].filter((s) => s !== undefined).join('\n\n');
  return (
    <Modal title={t('stmt.dialog')} onClose={onClose} className="statement-modal">
      <div className="statement-bar">
        <label>
          <span>{t('stmt.day')}</span>
          <select value={view?.tradingDay ?? ''} onChange={(e) => setDay(Number(e.target.value))} disabled={view === undefined || view.days.length === 0}>
            {(view?.days ?? []).map((d) => (
              <option key={d} value={d}>
                {formatDay(d)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn small"
          disabled={text === '' || view?.tradingDay === undefined}
          onClick={() => {
            const accountId = view?.statement?.accountId ?? svc.stores.account.getState().account?.accountId ?? 'account';
            download(statementFileName({ accountId, tradingDay: view!.tradingDay! }, t), 'text/plain;charset=utf-8', `\ufeff${text}\n`);
          }}
        >
          {t('stmt.save')}
        </button>
      </div>
      {error !== undefined && <p className="form-error">{errorText(error, lang)}</p>}
      {view !== undefined && view.tradingDay === undefined && <p className="muted">{t('stmt.none')}</p>}
      {view?.brokerText !== undefined && <h3 className="statement-source">{t('stmt.broker')}</h3>}
      {view?.brokerText !== undefined && (
        <pre className="statement-text" data-testid="broker-statement">
          {view.brokerText}
        </pre>
      )}
      {own !== undefined && view?.brokerText !== undefined && <h3 className="statement-source">{t('stmt.own')}</h3>}
      {own !== undefined && (
        <pre className="statement-text" data-testid="statement-text">
          {own}
        </pre>
      )}
      <div className="modal-buttons">
        <button type="button" className="btn" onClick={onClose}>
          {t('stmt.close')}
        </button>
      </div>
    </Modal>
  );
}
