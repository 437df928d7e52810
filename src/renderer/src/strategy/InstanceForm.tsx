import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { StrategyFileInfo, StrategyInstanceInfo } from '../../../shared/ipc/strategy';
import { useLang, useServices, useT } from '../app/context';
import { toClientError } from '../client/client';
import { FormFooter } from '../common/FormFooter';
import { Modal } from '../common/Modal';
import { errorText } from '../i18n/error-text';
import { ContractPicker } from '../panels/ContractPicker';
import { applyStrategies } from '../state/apply';
import { ParamFields } from './ParamFields';
import { initialInputs, parseParams, type ParamInputs, type ParamProblem } from './param-model';

interface Props {
  readonly files: readonly StrategyFileInfo[];
  /** The instance being edited (stopped); absent to add a new one. */
  readonly editing?: StrategyInstanceInfo;
  /** The file to start with (添加实例 on a file's row). */
  readonly fileId?: string;
  readonly onClose: () => void;
}

/** A default instance name: the strategy's name in the UI language and a number no instance has yet. */
function suggestName(file: StrategyFileInfo | undefined, lang: 'zh' | 'en', taken: ReadonlySet<string>): string {
  const base = (file?.name?.[lang] ?? file?.className ?? 'strategy').replace(/[\s/\\]+/g, '');
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** 添加实例 / 编辑实例: the strategy file, a name, its contracts, the account, and the parameter form from its schema. */
export function InstanceForm({ files, editing, fileId, onClose }: Props) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const loadable = useMemo(() => files.filter((f) => f.error === undefined), [files]);
  const [chosen, setChosen] = useState(editing?.fileId ?? fileId ?? loadable[0]?.id ?? '');
  const file = files.find((f) => f.id === chosen);
  const taken = useMemo(() => new Set(svc.stores.strategies.getState().byName.keys()), [svc]);
  const [name, setName] = useState(editing?.name ?? suggestName(file, lang, taken));
  const [nameTouched, setNameTouched] = useState(editing !== undefined);
  const need = Math.max(1, file?.symbols ?? 1);
  const [symbols, setSymbols] = useState<string[]>(() => {
    if (editing !== undefined) return [...editing.symbols];
    const first = svc.selection.getState().symbol;
    return first !== undefined ? [first] : [];
  });
  const [account, setAccount] = useState(editing?.account ?? 'sim');
  const [accounts, setAccounts] = useState<readonly string[]>(['sim']);
  const [inputs, setInputs] = useState<ParamInputs>(() => initialInputs(file?.params ?? [], editing?.params));
  const [problems, setProblems] = useState<Record<string, ParamProblem | string>>({});
  const [error, setError] = useState<ApiErrorBody | 'needSymbols' | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    svc.client.call('accounts.status', {}).then(
      (list) => setAccounts(['sim', ...list.filter((s) => s.trade.state === 'connected').map((s) => `ctp:${s.accountId}`)]),
      () => undefined,
    );
  }, [svc]);

  const pickFile = (id: string): void => {
    setChosen(id);
    const f = files.find((x) => x.id === id);
    setInputs(initialInputs(f?.params ?? []));
    setProblems({});
    if (!nameTouched) setName(suggestName(f, lang, taken));
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (file === undefined) return;
    const parsed = parseParams(file.params ?? [], inputs);
    setProblems(parsed.problems);
    const wanted = symbols.slice(0, need).filter((s) => s !== '');
    if (Object.keys(parsed.problems).length > 0) return;
    if (wanted.length < need) {
      setError('needSymbols');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const info = editing
        ? await svc.client.call('strategy.update', { name: editing.name, symbols: wanted, params: parsed.values })
        : await svc.client.call('strategy.add', { name: name.trim(), fileId: file.id, symbols: wanted, params: parsed.values, account });
      applyStrategies(svc.stores, [info]);
      svc.notify('success', { key: editing ? 'inst.updated' : 'inst.added', params: { name: info.name } });
      onClose();
    } catch (err) {
      const ce = toClientError(err);
      // A parameter the engine refused is named in its message: show it beside that field as well.
      const param = (file.params ?? []).find((p) => ce.message.includes(`parameter ${p.name} `) || ce.message.includes(`"${p.name}"`));
      if (param !== undefined) setProblems({ [param.name]: errorText(ce, lang) });
      setError(ce);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={editing ? t('inst.editTitle', { name: editing.name }) : t('inst.addTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label={editing ? t('inst.editTitle', { name: editing.name }) : t('inst.addTitle')}>
        <div className="form-grid">
          <label htmlFor="inst-file">{t('inst.file')}</label>
          <select id="inst-file" value={chosen} disabled={editing !== undefined} onChange={(e) => pickFile(e.target.value)}>
            {loadable.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name?.[lang] ?? f.className} · {f.fileName}
              </option>
            ))}
          </select>
          <label htmlFor="inst-name">{t('inst.name')}</label>
          <input
            id="inst-name"
            type="text"
            value={name}
            disabled={editing !== undefined}
            maxLength={60}
            spellCheck={false}
            onChange={(e) => {
              setName(e.target.value);
              setNameTouched(true);
            }}
          />
          {Array.from({ length: need }, (_, i) => (
            <SymbolField
              key={i}
              index={i}
              need={need}
              value={symbols[i]}
              onPick={(symbol) =>
                setSymbols((s) => {
                  const next = [...s];
                  next[i] = symbol;
                  return next;
                })
              }
            />
          ))}
          <label htmlFor="inst-account">{t('inst.account')}</label>
          <select id="inst-account" value={account} disabled={editing !== undefined} onChange={(e) => setAccount(e.target.value)}>
            {accounts.map((a) => (
              <option key={a} value={a}>
                {a === 'sim' ? t('inst.simAccount') : a}
              </option>
            ))}
          </select>
        </div>
        {file?.description !== undefined && <p className="muted form-note">{file.description[lang]}</p>}
        <fieldset className="form-section">
          <legend>{t('inst.params')}</legend>
          <ParamFields
            params={file?.params ?? []}
            inputs={inputs}
            problems={problems}
            onChange={(k, v) => {
              setInputs((x) => ({ ...x, [k]: v }));
              setProblems((p) => {
                const { [k]: _gone, ...rest } = p;
                return rest;
              });
            }}
          />
        </fieldset>
        <FormFooter
          error={error === undefined ? undefined : error === 'needSymbols' ? t('inst.needSymbols', { n: need }) : errorText(error, lang)}
          onCancel={onClose}
          submit={editing ? t('inst.save') : t('inst.add')}
          disabled={busy || file === undefined}
        />
      </form>
    </Modal>
  );
}

function SymbolField({ index, need, value, onPick }: { index: number; need: number; value: string | undefined; onPick: (symbol: string) => void }) {
  const t = useT();
  const svc = useServices();
  const contract = value === undefined ? undefined : svc.stores.market.getState().contracts[value];
  const label = need > 1 ? t('inst.symbolN', { n: index + 1 }) : t('inst.symbol');
  return (
    <>
      <label htmlFor={`inst-symbol-${index}`}>{label}</label>
      <ContractPicker
        id={`inst-symbol-${index}`}
        label={label}
        placeholder={t('watch.addPlaceholder')}
        value={contract?.code ?? value?.split('.').pop() ?? ''}
        keepText
        onPick={(c) => onPick(c.symbol)}
        onUnmatched={(text) => onPick(text)}
      />
    </>
  );
}
