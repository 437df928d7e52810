import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ALERT_CHANNEL_KINDS, ALERT_CHANNEL_LABELS, ALERT_EVENT_LABELS, ALERT_EVENTS, alertSecretProblem, alertUrlProblem, type AlertChannelKind, type AlertEventKind } from '../../../shared/ipc/alert-rules';
import type { AlertChannelInput, AlertChannelSummary } from '../../../shared/ipc/alerts';
import type { Lang } from '../../../shared/ipc/settings';
import { formatShanghai } from '../../../shared/model/time';
import { useLang, useServices, useT } from '../app/context';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import { toClientError } from '../client/client';
import { errorText } from '../i18n/error-text';
import { FormFooter } from '../common/FormFooter';
import { Modal } from '../common/Modal';
import { VirtualTable, type Column } from '../table/VirtualTable';

interface ChannelForm {
  readonly id?: string;
  readonly kind: AlertChannelKind;
  readonly name: string;
  /** Write-only: empty on an existing channel keeps the stored address (it carries the access token). */
  readonly url: string;
  readonly secret: string;
  readonly clearSecret: boolean;
  readonly events: readonly AlertEventKind[];
  readonly enabled: boolean;
  readonly lang: Lang;
}

const NEW: ChannelForm = { kind: 'dingtalk', name: '', url: '', secret: '', clearSecret: false, events: ['fill', 'rejected', 'risk', 'strategyError', 'gateway'], enabled: true, lang: 'zh' };

function formOf(c: AlertChannelSummary): ChannelForm {
  return { id: c.id, kind: c.kind, name: c.name, url: '', secret: '', clearSecret: false, events: [...c.events], enabled: c.enabled, lang: c.lang };
}

/** alerts.set's entry: a blank URL or secret on an existing channel is left out, so the stored one stays. */
export function channelInput(f: ChannelForm): AlertChannelInput {
  return {
    ...(f.id !== undefined ? { id: f.id } : {}),
    kind: f.kind,
    name: f.name.trim(),
    ...(f.url.trim() !== '' ? { url: f.url.trim() } : {}),
    ...(f.secret.trim() !== '' ? { secret: f.secret.trim() } : {}),
    ...(f.clearSecret ? { clearSecret: true } : {}),
    events: [...f.events],
    enabled: f.enabled,
    lang: f.lang,
  };
}

/** A channel's test: the vendor's answer, or the request's failure. */
interface TestResult {
  readonly ok: boolean;
  readonly message: string;
  readonly error?: ApiErrorBody;
}

/** 提醒: DingTalk, WeCom, Feishu and webhook channels, the events each pushes, and a test message. */
export function AlertsSettings() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [channels, setChannels] = useState<readonly AlertChannelSummary[] | undefined>();
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [editing, setEditing] = useState<{ form: ChannelForm; existing?: AlertChannelSummary } | undefined>();
  const [tests, setTests] = useState<Readonly<Record<string, TestResult>>>({});

  const refresh = useCallback(async () => {
    try {
      setChannels(await svc.client.call('alerts.get', {}));
      setError(undefined);
    } catch (e) {
      setError(toClientError(e));
    }
  }, [svc]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const test = async (c: AlertChannelSummary): Promise<void> => {
    setTests((x) => ({ ...x, [c.id]: { ok: true, message: t('alert.testing') } }));
    try {
      const r = await svc.client.call('alerts.test', { id: c.id });
      setTests((x) => ({ ...x, [c.id]: { ok: r.ok, message: r.message } }));
    } catch (e) {
      setTests((x) => ({ ...x, [c.id]: { ok: false, message: '', error: toClientError(e) } }));
    }
    void refresh();
  };
  const remove = async (c: AlertChannelSummary): Promise<void> => {
    if (!(await svc.ask(t('alert.removeTitle'), [t('alert.removeBody', { name: c.name })], true))) return;
    try {
      setChannels(await svc.client.call('alerts.set', { remove: [c.id] }));
    } catch (e) {
      svc.failed('alert.what.save', e);
    }
  };

  const columns = useMemo((): Column<AlertChannelSummary>[] => {
    return [
      { key: 'name', title: t('alert.name'), width: 110, sortValue: (c) => c.name, render: (c) => <span className="strong">{c.name}</span> },
      { key: 'kind', title: t('alert.kind'), width: 120, sortValue: (c) => c.kind, render: (c) => ALERT_CHANNEL_LABELS[c.kind][lang] },
      { key: 'url', title: t('alert.url'), width: 190, sortValue: (c) => c.url, render: (c) => <span className="mono muted">{c.url}</span> },
      { key: 'secret', title: t('alert.secret'), width: 60, align: 'center', render: (c) => (c.hasSecret ? t('acct.set') : '—') },
      { key: 'events', title: t('alert.events'), width: 220, sortValue: (c) => c.events.length, render: (c) => c.events.map((e) => ALERT_EVENT_LABELS[e][lang]).join('、') },
      { key: 'enabled', title: t('alert.enabled'), width: 56, align: 'center', sortValue: (c) => Number(c.enabled), render: (c) => (c.enabled ? t('alert.on') : t('alert.off')) },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 140,
        align: 'center',
        render: (c) => (
          <span className="row-actions">
            <button type="button" className="link-btn" onClick={() => void test(c)} aria-label={t('alert.testRow', { name: c.name })}>
              {t('alert.test')}
            </button>
            <button type="button" className="link-btn" onClick={() => setEditing({ form: formOf(c), existing: c })} aria-label={t('alert.editRow', { name: c.name })}>
              {t('strat.edit')}
            </button>
            <button type="button" className="link-btn danger-text" onClick={() => void remove(c)} aria-label={t('alert.removeRow', { name: c.name })}>
              {t('strat.remove')}
            </button>
          </span>
        ),
      },
      {
        key: 'stats',
        title: t('alert.stats'),
        width: 200,
        render: (c) => (
          <span className={c.stats.lastError || c.problem ? 'error-text' : 'muted'} title={c.stats.lastError ?? c.problem ?? ''}>
            {c.problem ??
              t('alert.statsText', { sent: c.stats.sent, failed: c.stats.failed, dropped: c.stats.dropped, last: c.stats.lastSentAt ? formatShanghai(c.stats.lastSentAt, false) : '—' })}
          </span>
        ),
      },
      {
        key: 'test',
        title: t('alert.testResult'),
        width: 220,
        render: (c) => {
          const r = tests[c.id];
          return r === undefined ? '' : <span className={r.ok ? 'ok-text' : 'error-text'}>{r.error !== undefined ? errorText(r.error, lang) : r.message}</span>;
        },
      },
    ];
    // test and remove read svc and refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, tests]);

  return (
    <div className="files-section">
      <div className="report-actions">
        <button type="button" className="btn small primary" onClick={() => setEditing({ form: { ...NEW, lang } })}>
          {t('alert.add')}
        </button>
        <span className="muted">{t('alert.note')}</span>
      </div>
      {error !== undefined && <p className="form-error">{errorText(error, lang)}</p>}
      <VirtualTable label={t('alert.table')} rows={channels ?? []} columns={columns} rowKey={(c) => c.id} emptyText={channels === undefined ? t('chart.loading') : t('alert.none')} />
      {editing !== undefined && (
        <ChannelDialog
          initial={editing.form}
          {...(editing.existing !== undefined ? { existing: editing.existing } : {})}
          onClose={() => setEditing(undefined)}
          onSaved={(list) => {
            setChannels(list);
            setEditing(undefined);
          }}
        />
      )}
    </div>
  );
}

function ChannelDialog({ initial, existing, onClose, onSaved }: { initial: ChannelForm; existing?: AlertChannelSummary; onClose: () => void; onSaved: (list: AlertChannelSummary[]) => void }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState(initial);
  const [error, setError] = useState<ApiErrorBody | 'needUrl' | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ChannelForm>): void => setF((x) => ({ ...x, ...patch }));
  // The vendor's address rules, checked as the trader types (the engine checks them again).
  const urlProblem = f.url.trim() === '' ? undefined : alertUrlProblem(f.kind, f.url.trim());
  const secretProblem = f.secret.trim() === '' ? undefined : alertSecretProblem(f.kind, f.secret.trim());
  const needUrl = existing === undefined && f.url.trim() === '';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (urlProblem !== undefined || secretProblem !== undefined) return;
    if (needUrl) {
      setError('needUrl');
      return;
    }
    setBusy(true);
    try {
      onSaved(await svc.client.call('alerts.set', { save: [channelInput(f)] }));
    } catch (err) {
      setError(toClientError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={existing ? t('alert.editTitle', { name: existing.name }) : t('alert.addTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label={existing ? t('alert.editTitle', { name: existing.name }) : t('alert.addTitle')}>
        <div className="form-grid">
          <label htmlFor="alert-kind">{t('alert.kind')}</label>
          <select id="alert-kind" value={f.kind} onChange={(e) => set({ kind: e.target.value as AlertChannelKind })}>
            {ALERT_CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {ALERT_CHANNEL_LABELS[k][lang]}
              </option>
            ))}
          </select>
          <label htmlFor="alert-name">{t('alert.name')}</label>
          <input id="alert-name" type="text" value={f.name} maxLength={64} onChange={(e) => set({ name: e.target.value })} />
          <label htmlFor="alert-url">{t('alert.url')}</label>
          <div className="field-cell">
            <input
              id="alert-url"
              type="text"
              value={f.url}
              spellCheck={false}
              autoComplete="off"
              placeholder={existing ? t('alert.keepUrl', { url: existing.url }) : t(`alert.urlHint.${f.kind}`)}
              aria-invalid={urlProblem !== undefined}
              onChange={(e) => set({ url: e.target.value })}
            />
            {urlProblem !== undefined && <span className="field-problem">{urlProblem}</span>}
          </div>
          {f.kind !== 'wecom' && (
            <>
              <label htmlFor="alert-secret">{t('alert.secret')}</label>
              <div className="field-cell">
                <input
                  id="alert-secret"
                  type="password"
                  value={f.secret}
                  autoComplete="new-password"
                  placeholder={existing?.hasSecret ? t('acct.keepSecret') : t('alert.secretHint')}
                  aria-invalid={secretProblem !== undefined}
                  onChange={(e) => set({ secret: e.target.value })}
                />
                {secretProblem !== undefined && <span className="field-problem">{secretProblem}</span>}
                {existing?.hasSecret && (
                  <label className="check">
                    <input type="checkbox" checked={f.clearSecret} onChange={(e) => set({ clearSecret: e.target.checked })} />
                    {t('alert.clearSecret')}
                  </label>
                )}
              </div>
            </>
          )}
          <label htmlFor="alert-lang">{t('alert.lang')}</label>
          <select id="alert-lang" value={f.lang} onChange={(e) => set({ lang: e.target.value as Lang })}>
            <option value="zh">简体中文</option>
            <option value="en">English</option>
          </select>
          <span />
          <label className="check">
            <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            {t('alert.enabled')}
          </label>
        </div>
        <fieldset className="form-section">
          <legend>{t('alert.events')}</legend>
          <div className="param-grid">
            {ALERT_EVENTS.map((ev) => (
              <label key={ev} className="check">
                <input
                  type="checkbox"
                  checked={f.events.includes(ev)}
                  onChange={(e) => set({ events: e.target.checked ? [...f.events, ev] : f.events.filter((x) => x !== ev) })}
                />
                {ALERT_EVENT_LABELS[ev][lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <FormFooter
          error={error === undefined ? undefined : error === 'needUrl' ? t('alert.needUrl') : errorText(error, lang)}
          onCancel={onClose}
          submit={t('inst.save')}
          disabled={busy || urlProblem !== undefined || secretProblem !== undefined}
        />
      </form>
    </Modal>
  );
}
