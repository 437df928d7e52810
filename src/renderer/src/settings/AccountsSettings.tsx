import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { gatewayStatusText } from '../../../shared/i18n/gateway-messages';
import { CTP_PRESET_IDS, CTP_PRESETS } from '../../../shared/ipc/account-presets';
import type { Lang } from '../../../shared/ipc/settings';
import type { CtpAccountSummary, CtpConnectionStatus, CtpLinkStatus } from '../../../shared/ipc/accounts';
import { useLang, useServices, useSlice, useT } from '../app/context';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import { toClientError } from '../client/client';
import { FormFooter } from '../common/FormFooter';
import { Modal } from '../common/Modal';
import { errorText } from '../i18n/error-text';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { formOf, newForm, saveInput, withPreset, type AccountForm } from './account-model';

interface Row {
  readonly account: CtpAccountSummary;
  readonly status: CtpConnectionStatus | undefined;
}

const POLL_MS = 1500;
const engineId = (id: string): string => `ctp:${id}`;

function linkText(l: CtpLinkStatus | undefined, lang: Lang): string {
  return l === undefined ? '—' : gatewayStatusText(l, lang);
}

/** 账户: the trader's CTP accounts (saved with their secrets encrypted), connected, disconnected, made the active one. */
export function AccountsSettings() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const activeId = useSlice(svc.stores.account, (s) => s.accountId);
  const [accounts, setAccounts] = useState<readonly CtpAccountSummary[] | undefined>();
  const [statuses, setStatuses] = useState<readonly CtpConnectionStatus[]>([]);
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [editing, setEditing] = useState<{ form: AccountForm; existing?: CtpAccountSummary } | undefined>();

  const refresh = useCallback(async () => {
    try {
      const [list, status] = await Promise.all([svc.client.call('accounts.list', {}), svc.client.call('accounts.status', {})]);
      setAccounts(list);
      setStatuses(status);
      setError(undefined);
    } catch (e) {
      setError(toClientError(e));
    }
  }, [svc]);

  useEffect(() => {
    void refresh();
    // Logins take a few seconds: the status is asked for again while the screen is open.
    const timer = setInterval(() => {
      svc.client.call('accounts.status', {}).then(setStatuses, () => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [svc, refresh]);

  const act = async (what: 'connect' | 'disconnect' | 'activate' | 'remove', a: CtpAccountSummary): Promise<void> => {
    try {
      if (what === 'remove') {
        if (!(await svc.ask(t('acct.removeTitle'), [t('acct.removeBody', { name: a.name || a.id })], true))) return;
        await svc.client.call('accounts.remove', { id: a.id });
      } else if (what === 'activate') {
        const r = await svc.client.call('accounts.activate', { id: a.id });
        svc.notify('success', { key: 'acct.activated', params: { id: r.accountId } });
      } else {
        await svc.client.call(what === 'connect' ? 'accounts.connect' : 'accounts.disconnect', { id: a.id });
      }
      await refresh();
    } catch (e) {
      svc.failed(`acct.what.${what}`, e);
    }
  };

  const rows = useMemo((): Row[] => (accounts ?? []).map((a) => ({ account: a, status: statuses.find((s) => s.accountId === a.id) })), [accounts, statuses]);
  const columns = useMemo((): Column<Row>[] => {
    const presetName = (id: string): string => {
      const p = CTP_PRESETS.find((x) => x.id === id);
      return p === undefined ? t('acct.custom') : lang === 'zh' ? p.nameZh : p.nameEn;
    };
    const connected = (r: Row): boolean => r.status?.trade.state === 'connected' || r.status?.trade.state === 'connecting';
    return [
      { key: 'name', title: t('acct.name'), width: 110, sortValue: (r) => r.account.name, render: (r) => <span className="strong">{r.account.name || r.account.id}</span> },
      { key: 'id', title: 'ID', width: 90, sortValue: (r) => r.account.id, render: (r) => <span className="mono">{r.account.id}</span> },
      { key: 'preset', title: t('acct.preset'), width: 150, sortValue: (r) => r.account.preset, render: (r) => presetName(r.account.preset) },
      { key: 'broker', title: 'BrokerID', width: 70, sortValue: (r) => r.account.brokerId, render: (r) => r.account.brokerId },
      { key: 'user', title: t('acct.userId'), width: 90, sortValue: (r) => r.account.userId, render: (r) => r.account.userId },
      {
        key: 'secrets',
        title: t('acct.secrets'),
        width: 130,
        render: (r) => (
          <span className="muted">
            {t('acct.password')} {r.account.hasPassword ? t('acct.set') : t('acct.notSet')} · AuthCode {r.account.hasAuthCode ? t('acct.set') : t('acct.notSet')}
          </span>
        ),
      },
      { key: 'trade', title: t('acct.tradeLink'), width: 170, sortValue: (r) => r.status?.trade.state ?? '', cellClass: (r) => `gw-${r.status?.trade.state ?? 'disconnected'}`, render: (r) => linkText(r.status?.trade, lang) },
      { key: 'market', title: t('acct.marketLink'), width: 150, sortValue: (r) => r.status?.market.state ?? '', cellClass: (r) => `gw-${r.status?.market.state ?? 'disconnected'}`, render: (r) => linkText(r.status?.market, lang) },
      {
        key: 'active',
        title: t('acct.active'),
        width: 60,
        align: 'center',
        render: (r) => (activeId === engineId(r.account.id) ? <span className="badge live">{t('mode.live')}</span> : ''),
      },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 220,
        align: 'center',
        render: (r) => (
          <span className="row-actions">
            {connected(r) ? (
              <button type="button" className="link-btn" onClick={() => void act('disconnect', r.account)} aria-label={t('acct.disconnectRow', { id: r.account.id })}>
                {t('acct.disconnect')}
              </button>
            ) : (
              <button type="button" className="link-btn" onClick={() => void act('connect', r.account)} aria-label={t('acct.connectRow', { id: r.account.id })}>
                {t('acct.connect')}
              </button>
            )}
            <button
              type="button"
              className="link-btn"
              disabled={r.status?.trade.state !== 'connected' || activeId === engineId(r.account.id)}
              onClick={() => void act('activate', r.account)}
              aria-label={t('acct.activateRow', { id: r.account.id })}
            >
              {t('acct.activate')}
            </button>
            <button type="button" className="link-btn" onClick={() => setEditing({ form: formOf(r.account), existing: r.account })} aria-label={t('acct.editRow', { id: r.account.id })}>
              {t('strat.edit')}
            </button>
            <button type="button" className="link-btn danger-text" onClick={() => void act('remove', r.account)} aria-label={t('acct.removeRow', { id: r.account.id })}>
              {t('strat.remove')}
            </button>
          </span>
        ),
      },
    ];
    // act reads svc and refresh, which do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, activeId]);

  return (
    <div className="files-section">
      <div className="report-actions">
        <button type="button" className="btn small primary" onClick={() => setEditing({ form: newForm('ctp-sim') })}>
          {t('acct.add')}
        </button>
        <button type="button" className="btn small" disabled={activeId === 'sim'} onClick={() => svc.client.call('accounts.activate', { id: 'sim' }).then(() => refresh(), (e: unknown) => svc.failed('acct.what.activate', e))}>
          {t('acct.backToSim')}
        </button>
        <span className="muted">{t('acct.note')}</span>
      </div>
      {error !== undefined && <p className="form-error">{errorText(error, lang)}</p>}
      <VirtualTable label={t('acct.table')} rows={rows} columns={columns} rowKey={(r) => r.account.id} emptyText={accounts === undefined ? t('chart.loading') : t('acct.none')} />
      {editing !== undefined && (
        <AccountDialog
          initial={editing.form}
          {...(editing.existing !== undefined ? { existing: editing.existing } : {})}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void refresh();
          }}
        />
      )}
    </div>
  );
}

function AccountDialog({ initial, existing, onClose, onSaved }: { initial: AccountForm; existing?: CtpAccountSummary; onClose: () => void; onSaved: () => void }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState(initial);
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [busy, setBusy] = useState(false);
  const preset = CTP_PRESETS.find((p) => p.id === f.preset);
  const set = (patch: Partial<AccountForm>): void => setF((x) => ({ ...x, ...patch }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await svc.client.call('accounts.save', saveInput(f, existing));
      svc.notify('success', { key: 'acct.saved', params: { id: saved.id } });
      onSaved();
    } catch (err) {
      setError(toClientError(err));
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string): boolean => error?.field !== undefined && (error.field === field || error.field.startsWith(`${field}.`));
  const input = (field: keyof AccountForm, label: string, extra: { type?: string; placeholder?: string; disabled?: boolean; autoComplete?: string } = {}) => (
    <>
      <label htmlFor={`acct-${field}`}>{label}</label>
      <input
        id={`acct-${field}`}
        type={extra.type ?? 'text'}
        value={f[field]}
        placeholder={extra.placeholder}
        disabled={extra.disabled}
        autoComplete={extra.autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={invalid(field)}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </>
  );
  return (
    <Modal title={existing ? t('acct.editTitle', { id: existing.id }) : t('acct.addTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label={existing ? t('acct.editTitle', { id: existing.id }) : t('acct.addTitle')}>
        <div className="form-grid">
          <label htmlFor="acct-preset">{t('acct.preset')}</label>
          <select id="acct-preset" value={f.preset} onChange={(e) => setF((x) => withPreset(x, e.target.value as AccountForm['preset']))}>
            {CTP_PRESET_IDS.map((id) => {
              const p = CTP_PRESETS.find((x) => x.id === id);
              return (
                <option key={id} value={id}>
                  {p === undefined ? t('acct.custom') : lang === 'zh' ? p.nameZh : p.nameEn}
                </option>
              );
            })}
          </select>
          {preset !== undefined && (
            <>
              <span />
              <span className="muted field-hint">{lang === 'zh' ? preset.noteZh : preset.noteEn}</span>
            </>
          )}
          {input('id', t('acct.id'), { disabled: existing !== undefined, placeholder: t('acct.idHint') })}
          {input('name', t('acct.name'), { placeholder: t('acct.nameHint') })}
          {input('brokerId', 'BrokerID')}
          {input('userId', t('acct.userId'))}
          {input('password', t('acct.password'), { type: 'password', autoComplete: 'new-password', placeholder: existing?.hasPassword ? t('acct.keepSecret') : '' })}
          {input('appId', 'AppID')}
          {input('authCode', 'AuthCode', { type: 'password', autoComplete: 'new-password', placeholder: existing?.hasAuthCode ? t('acct.keepSecret') : preset !== undefined ? t('acct.presetAuth') : '' })}
          {input('productInfo', 'UserProductInfo')}
          <label htmlFor="acct-tradeFronts">{t('acct.tradeFronts')}</label>
          <textarea id="acct-tradeFronts" rows={2} value={f.tradeFronts} spellCheck={false} aria-invalid={invalid('tradeFronts')} onChange={(e) => set({ tradeFronts: e.target.value })} />
          <label htmlFor="acct-marketFronts">{t('acct.marketFronts')}</label>
          <textarea id="acct-marketFronts" rows={2} value={f.marketFronts} spellCheck={false} aria-invalid={invalid('marketFronts')} onChange={(e) => set({ marketFronts: e.target.value })} />
        </div>
        <p className="muted form-note">{t('acct.secretNote')}</p>
        <FormFooter error={error !== undefined ? errorText(error, lang) : undefined} onCancel={onClose} submit={t('inst.save')} disabled={busy} />
      </form>
    </Modal>
  );
}
