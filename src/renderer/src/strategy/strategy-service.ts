import type { StrategyFileInfo, StrategyInstanceInfo } from '../../../shared/ipc/strategy';
import type { Services } from '../app/services';
import { toClientError } from '../client/client';
import { applyStrategies, removeStrategy } from '../state/apply';
import type { UploadOutcome } from '../state/stores';

/** Strategy files are .ts or .js, named as the engine accepts them. */
export const STRATEGY_FILE_RE = /\.(ts|js)$/i;

export async function loadStrategyFiles(svc: Services): Promise<readonly StrategyFileInfo[]> {
  try {
    const files = await svc.client.call('strategy.files', {});
    svc.stores.strategies.setState({ files, filesLoaded: true });
    return files;
  } catch (e) {
    svc.failed('what.strategyFiles', e);
    return svc.stores.strategies.getState().files;
  }
}

function keepFile(svc: Services, info: StrategyFileInfo): void {
  const files = svc.stores.strategies.getState().files.filter((f) => f.id !== info.id);
  svc.stores.strategies.setState({ files: [...files, info] });
}

/**
 * Sends dropped or picked files to the engine, which keeps and checks them; each answer (loaded, or the problem with
 * its line) is kept for the strategy manager to list. Files that are not .ts/.js are refused here, named.
 */
export async function uploadStrategyFiles(svc: Services, files: readonly File[]): Promise<UploadOutcome[]> {
  const out: UploadOutcome[] = [];
  for (const f of files) {
    if (!STRATEGY_FILE_RE.test(f.name)) {
      out.push({ fileName: f.name, refused: 'notStrategy' });
      continue;
    }
    try {
      const source = await f.text();
      const info = await svc.client.call('strategy.upload', { fileName: f.name, source });
      keepFile(svc, info);
      out.push({ fileName: f.name, file: info });
    } catch (e) {
      out.push({ fileName: f.name, refused: toClientError(e) });
    }
  }
  svc.stores.strategies.setState({ uploads: out, view: 'files' });
  if (!svc.stores.strategies.getState().filesLoaded) void loadStrategyFiles(svc);
  return out;
}

/** Runs an instance request and keeps its answer in the store (the batch will bring it too, a little later). */
export async function instanceAction(
  svc: Services,
  what: 'start' | 'stop',
  name: string,
): Promise<StrategyInstanceInfo | undefined> {
  try {
    const info = await svc.client.call(what === 'start' ? 'strategy.start' : 'strategy.stop', { name });
    applyStrategies(svc.stores, [info]);
    return info;
  } catch (e) {
    svc.failed(what === 'start' ? 'what.strategyStart' : 'what.strategyStop', e);
    // A start that failed leaves the instance in error: show that state.
    void svc.client.call('strategy.instances', {}).then((list) => applyStrategies(svc.stores, list, true), () => undefined);
    return undefined;
  }
}

export async function removeInstance(svc: Services, name: string): Promise<boolean> {
  try {
    await svc.client.call('strategy.remove', { name });
    removeStrategy(svc.stores, name);
    return true;
  } catch (e) {
    svc.failed('what.strategyRemove', e);
    return false;
  }
}

export async function removeStrategyFile(svc: Services, fileId: string): Promise<boolean> {
  try {
    await svc.client.call('strategy.removeFile', { fileId });
    svc.stores.strategies.setState((s) => ({ files: s.files.filter((f) => f.id !== fileId), uploads: s.uploads.filter((u) => u.file?.id !== fileId) }));
    return true;
  } catch (e) {
    svc.failed('what.strategyRemoveFile', e);
    return false;
  }
}
