import { useState } from 'react';
import type { Account } from '../../../shared/model/types';
import { formatDay } from '../../../shared/model/time';
import { useServices, useSlice, useT } from '../app/context';
import { fmtMoney, fmtRatio, trendClass } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { StatementDialog } from './StatementDialog';

interface Field {
  readonly key: keyof Account;
  readonly label: MessageKey;
  readonly pnl?: boolean;
  readonly strong?: boolean;
  readonly formula?: MessageKey;
}

const FIELDS: readonly Field[] = [
  { key: 'preBalance', label: 'acc.preBalance' },
  { key: 'deposit', label: 'acc.deposit' },
  { key: 'withdraw', label: 'acc.withdraw' },
  { key: 'staticBalance', label: 'acc.staticBalance', formula: 'acc.staticFormula' },
  { key: 'closeProfit', label: 'acc.closeProfit', pnl: true },
  { key: 'positionProfit', label: 'acc.positionProfit', pnl: true },
  { key: 'floatProfit', label: 'acc.floatProfit', pnl: true },
  { key: 'commission', label: 'acc.commission' },
  { key: 'balance', label: 'acc.balance', strong: true, formula: 'acc.balanceFormula' },
  { key: 'margin', label: 'acc.margin' },
  { key: 'frozenMargin', label: 'acc.frozenMargin' },
  { key: 'frozenCommission', label: 'acc.frozenCommission' },
  { key: 'available', label: 'acc.available', strong: true, formula: 'acc.availableFormula' },
];

/** 资金: the account as a Chinese broker reports it, with the formulas that tie the figures together. */
export function AccountPanel() {
  const svc = useServices();
  const t = useT();
  const a = useSlice(svc.stores.account, (s) => s.account);
  const mode = useSlice(svc.stores.account, (s) => s.mode);
  const [statement, setStatement] = useState(false);
  if (a === undefined) return <div className="panel empty-note">{t('acc.none')}</div>;
  const risk = a.riskRatio;
  const riskClass = risk >= 1 ? 'risk-high' : risk >= 0.8 ? 'risk-warn' : '';
  return (
    <div className="panel account">
      {/* On top, as other panels' toolbars are: the toasts, bottom right, would cover it below the figures. */}
      <div className="acc-actions">
        {mode === 'paper' && <TransferForm />}
        <button type="button" className="btn small" onClick={() => setStatement(true)}>
          {t('acc.statement')}
        </button>
      </div>
      <dl className="acc-grid" aria-label={t('panel.account')}>
        {FIELDS.map((f) => {
          const v = a[f.key] as number;
          return (
            <div key={f.key} className={`acc-item${f.strong ? ' strong' : ''}`} title={f.formula ? t(f.formula) : undefined} data-field={f.key}>
              <dt>{t(f.label)}</dt>
              <dd className={`num ${f.pnl ? trendClass(v) : ''}`}>{fmtMoney(v)}</dd>
            </div>
          );
        })}
        <div className={`acc-item strong ${riskClass}`} data-field="riskRatio" title={t('acc.riskFormula', { margin: fmtMoney(a.margin), balance: fmtMoney(a.balance) })}>
          <dt>{t('acc.riskRatio')}</dt>
          <dd className="num">{fmtRatio(risk)}</dd>
        </div>
        <div className="acc-item" data-field="tradingDay">
          <dt>{t('acc.tradingDay')}</dt>
          <dd className="num">{a.tradingDay > 0 ? formatDay(a.tradingDay) : '—'}</dd>
        </div>
      </dl>
      <div className="acc-formulas muted">
        <div data-testid="risk-formula">{t('acc.riskFormula', { margin: fmtMoney(a.margin), balance: fmtMoney(a.balance) })}</div>
      </div>
      {statement && <StatementDialog onClose={() => setStatement(false)} />}
    </div>
  );
}

/** 出入金 on the simulated account: funds in or out (a live account's move at the broker). */
function TransferForm() {
  const svc = useServices();
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (sign: 1 | -1): Promise<void> => {
    const amount = Number(text.replace(/,/g, ''));
    setBusy(true);
    try {
      await svc.client.call('account.transfer', { amount: sign * amount });
      svc.notify('success', { key: sign > 0 ? 'acc.deposited' : 'acc.withdrew', params: { amount: fmtMoney(amount) } });
      setText('');
    } catch (e) {
      svc.failed('what.transfer', e);
    } finally {
      setBusy(false);
    }
  };
  const ready = text.trim() !== '' && !busy;
  return (
    <form className="acc-transfer" aria-label={t('acc.transfer')} onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('acc.transfer')}</span>
        <input className="num" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} aria-label={t('acc.transferAmount')} placeholder={t('acc.transferAmount')} />
      </label>
      <button type="button" className="btn small" disabled={!ready} onClick={() => void send(1)}>
        {t('acc.depositBtn')}
      </button>
      <button type="button" className="btn small" disabled={!ready} onClick={() => void send(-1)}>
        {t('acc.withdrawBtn')}
      </button>
    </form>
  );
}
