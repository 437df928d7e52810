import { useEffect, useState } from 'react';
import { localPathOf } from '../client/ipc-transport';
import { STRATEGY_FILE_RE, uploadStrategyFiles } from '../strategy/strategy-service';
import { useServices, useT } from './context';

const DATA_FILE_RE = /\.(csv|txt|tsv)$/i;
const PANEL_DRAG = 'application/x-qihuo-panel';

const carriesFiles = (e: DragEvent): boolean => e.dataTransfer !== null && e.dataTransfer.types.includes('Files') && !e.dataTransfer.types.includes(PANEL_DRAG);

/**
 * Files dropped anywhere on the window: strategy files (.ts/.js) go to the engine to be checked and listed in the
 * strategy manager; a market-data file opens the import wizard with its path (the desktop app knows it; a browser
 * never tells a page where a file is, so there the wizard asks for the path on the server).
 */
export function FileDrop() {
  const svc = useServices();
  const t = useT();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      const strategies = files.filter((f) => STRATEGY_FILE_RE.test(f.name));
      const data = files.filter((f) => DATA_FILE_RE.test(f.name));
      const other = files.filter((f) => !strategies.includes(f) && !data.includes(f));
      if (strategies.length || other.length) {
        svc.show('strategies');
        void uploadStrategyFiles(svc, [...strategies, ...other]);
      }
      const first = data[0];
      if (first !== undefined) {
        svc.show('data');
        const path = localPathOf(first);
        if (path !== undefined) svc.selection.setState((s) => ({ importFile: { path, nonce: (s.importFile?.nonce ?? 0) + 1 } }));
        else svc.notify('info', { key: 'drop.noPath', params: { file: first.name } });
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [svc]);

  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-box">{t('drop.hint')}</div>
    </div>
  );
}
