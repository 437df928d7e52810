import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ContinuousResult,
  CoverageEntry,
  DataProgress,
  DownloadResult,
  ExportResult,
  ImportMapping,
  ImportPreview,
  ImportResult,
} from '../../../shared/ipc/data';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { Services } from '../app/services';
import { toClientError } from '../client/client';

export type DataSection = 'coverage' | 'import' | 'export' | 'download' | 'continuous';

export interface DataJob {
  readonly id: string;
  readonly kind: DataProgress['job'];
  readonly done: number;
  readonly total: number;
  readonly unit: DataProgress['unit'];
  readonly rows?: number;
  readonly badRows?: number;
  readonly current?: string;
}

export interface ImportWizard {
  /** The file's path on the engine's machine. */
  readonly path: string;
  /** What the trader says the series is, when the file does not tell (or tells wrongly). */
  readonly symbol: string;
  readonly period: string;
  readonly preview: ImportPreview | undefined;
  /** The mapping as corrected, sent back with the next preview and the import. */
  readonly mapping: ImportMapping | undefined;
  readonly result: ImportResult | undefined;
  readonly error: ApiErrorBody | undefined;
  readonly busy: boolean;
}

/** The data manager's state, kept while another tab is shown (an import goes on). */
export interface DataState {
  readonly section: DataSection;
  readonly coverage: readonly CoverageEntry[] | undefined;
  readonly coverageError: ApiErrorBody | undefined;
  readonly wizard: ImportWizard;
  readonly job: DataJob | undefined;
  readonly exportForm: ExportForm;
  readonly exportResult: ExportResult | undefined;
  readonly download: DownloadResult | undefined;
  readonly continuous: ContinuousResult | undefined;
  /** The last job's refusal or failure; the errors here are worded when shown, so that they follow the UI language. */
  readonly error: ApiErrorBody | undefined;
}

/** The export form: a series, a range of trading days (yyyy-mm-dd, empty for all) and a path on the engine's machine. */
export interface ExportForm {
  readonly symbol: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly file: string;
}

const EMPTY_WIZARD: ImportWizard = { path: '', symbol: '', period: '', preview: undefined, mapping: undefined, result: undefined, error: undefined, busy: false };

const stores = new WeakMap<Services, StoreApi<DataState>>();
let seq = 0;

export function dataStore(svc: Services): StoreApi<DataState> {
  const known = stores.get(svc);
  if (known !== undefined) return known;
  const store = createStore<DataState>()(() => ({
    section: 'coverage',
    coverage: undefined,
    coverageError: undefined,
    wizard: EMPTY_WIZARD,
    job: undefined,
    exportForm: { symbol: '', period: '1m', from: '', to: '', file: '' },
    exportResult: undefined,
    download: undefined,
    continuous: undefined,
    error: undefined,
  }));
  svc.client.onEvent('dataProgress', (p) => {
    const job = store.getState().job;
    if (job === undefined || job.id !== p.jobId) return;
    store.setState({
      job: { ...job, done: p.done, total: p.total, unit: p.unit, ...(p.rows !== undefined ? { rows: p.rows } : {}), ...(p.badRows !== undefined ? { badRows: p.badRows } : {}), ...(p.current !== undefined ? { current: p.current } : {}) },
    });
  });
  // A file dropped on the desktop app's window: the wizard opens on it.
  let lastNonce = 0;
  const take = (): void => {
    const f = svc.selection.getState().importFile;
    if (f === undefined || f.nonce === lastNonce) return;
    lastNonce = f.nonce;
    store.setState({ section: 'import', wizard: { ...EMPTY_WIZARD, path: f.path } });
    void previewImport(svc);
  };
  svc.selection.subscribe(take);
  stores.set(svc, store);
  take();
  return store;
}

export function setWizard(svc: Services, patch: Partial<ImportWizard>): void {
  dataStore(svc).setState((s) => ({ wizard: { ...s.wizard, ...patch } }));
}

export async function loadCoverage(svc: Services): Promise<void> {
  const store = dataStore(svc);
  try {
    const coverage = await svc.client.call('data.coverage', { gaps: true, maxGaps: 100 });
    store.setState({ coverage, coverageError: undefined });
  } catch (e) {
    store.setState({ coverageError: toClientError(e) });
  }
}

const target = (w: ImportWizard) => ({
  file: w.path.trim(),
  ...(w.symbol.trim() ? { symbol: w.symbol.trim() } : {}),
  ...(w.period.trim() ? { period: w.period.trim() } : {}),
  ...(w.mapping !== undefined ? { mapping: w.mapping } : {}),
});

/** Asks the engine what it makes of the file (with the trader's corrections, if any). */
export async function previewImport(svc: Services): Promise<void> {
  const w = dataStore(svc).getState().wizard;
  if (w.path.trim() === '') return;
  setWizard(svc, { busy: true, error: undefined, result: undefined });
  try {
    const preview = await svc.client.call('data.importPreview', target(w));
    setWizard(svc, { preview, mapping: preview.mapping, busy: false, symbol: w.symbol || preview.symbol || '', period: w.period || preview.period || '' });
  } catch (e) {
    setWizard(svc, { error: toClientError(e), busy: false });
  }
}

async function runJob<T>(svc: Services, kind: DataProgress['job'], call: (jobId: string) => Promise<T>): Promise<T | undefined> {
  const store = dataStore(svc);
  if (store.getState().job !== undefined) return undefined;
  const id = `data-${Date.now().toString(36)}-${++seq}`;
  store.setState({ job: { id, kind, done: 0, total: 0, unit: kind === 'import' ? 'bytes' : 'items' }, error: undefined });
  try {
    return await call(id);
  } catch (e) {
    const err = toClientError(e);
    if (kind === 'import') setWizard(svc, { error: err });
    else store.setState({ error: err });
    return undefined;
  } finally {
    store.setState({ job: undefined });
  }
}

export async function runImport(svc: Services): Promise<void> {
  const w = dataStore(svc).getState().wizard;
  setWizard(svc, { error: undefined, result: undefined });
  const result = await runJob(svc, 'import', (jobId) => svc.client.call('data.import', { ...target(w), jobId }));
  if (result !== undefined) {
    setWizard(svc, { result });
    void loadCoverage(svc);
  }
}

export async function runExport(svc: Services, p: { symbol: string; period: string; file: string; from?: number; to?: number }): Promise<void> {
  const result = await runJob(svc, 'export', (jobId) => svc.client.call('data.export', { ...p, jobId }));
  if (result !== undefined) dataStore(svc).setState({ exportResult: result });
}

export async function runDownload(svc: Services, p: { products?: string[]; periods: ('1d' | '1m')[] }): Promise<void> {
  const result = await runJob(svc, 'download', (jobId) => svc.client.call('data.download', { ...p, jobId }));
  if (result !== undefined) {
    dataStore(svc).setState({ download: result });
    void loadCoverage(svc);
  }
}

export async function cancelDataJob(svc: Services): Promise<void> {
  const job = dataStore(svc).getState().job;
  if (job === undefined) return;
  try {
    await svc.client.call('data.cancel', { jobId: job.id });
  } catch (e) {
    svc.failed('what.dataCancel', e);
  }
}

export async function buildContinuous(svc: Services, product: string, basis: 'openInterest' | 'volume'): Promise<void> {
  const store = dataStore(svc);
  store.setState({ error: undefined });
  try {
    const continuous = await svc.client.call('data.continuous', { product, basis });
    store.setState({ continuous });
    void loadCoverage(svc);
  } catch (e) {
    store.setState({ error: toClientError(e) });
  }
}

export async function deleteSeries(svc: Services, symbol: string, period: string): Promise<void> {
  try {
    await svc.client.call('data.delete', { symbol, period });
    void loadCoverage(svc);
  } catch (e) {
    svc.failed('what.dataDelete', e);
  }
}
