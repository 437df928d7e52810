import { useEffect, useMemo } from 'react';
import { formatTargetValue } from '../../../shared/ipc/backtest-figures';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { Progress } from '../common/Progress';
import { SubTabs } from '../common/SubTabs';
import { errorText } from '../i18n/error-text';
import { fmtInt } from '../i18n/format';
import { loadStrategyFiles } from '../strategy/strategy-service';
import { backtestStore, cancelJob, type Section } from './backtest-store';
import { CompareView } from './CompareView';
import { HistoryView } from './HistoryView';
import { OptimizeView, WalkForwardView } from './OptimizeView';
import { ReportView } from './ReportView';
import { SetupView } from './SetupView';

/**
 * 回测: set up and run a backtest (on a worker thread of the engine, with progress and cancel), read its report,
 * keep a history and compare two runs, optimise parameters and walk forward.
 */
export function BacktestPanel() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const section = useSlice(store, (s) => s.section);
  const job = useSlice(store, (s) => s.job);
  const error = useSlice(store, (s) => s.error);
  const hasReport = useSlice(store, (s) => s.report !== undefined);
  const fileId = useSlice(store, (s) => s.form.fileId);
  const files = useSlice(svc.stores.strategies, (s) => s.files);
  const filesLoaded = useSlice(svc.stores.strategies, (s) => s.filesLoaded);
  const file = useMemo(() => files.find((f) => f.id === fileId && f.error === undefined), [files, fileId]);

  useEffect(() => {
    if (!filesLoaded) void loadStrategyFiles(svc);
  }, [svc, filesLoaded]);

  const unit = job?.kind === 'run' ? t('bt.unit.bars') : job?.kind === 'optimize' ? t('bt.unit.runs') : t('bt.unit.windows');
  return (
    <div className="panel screen" data-testid="backtest-panel">
      <SubTabs<Section>
        label={t('panel.backtest')}
        value={section}
        onChange={(s) => store.setState({ section: s })}
        tabs={[
          { id: 'setup', label: t('bt.tab.setup') },
          { id: 'report', label: t('bt.tab.report'), disabled: !hasReport && section !== 'report' },
          { id: 'history', label: t('bt.tab.history') },
          { id: 'compare', label: t('bt.tab.compare') },
          { id: 'optimize', label: t('bt.tab.optimize') },
          { id: 'walk', label: t('bt.tab.walk') },
        ]}
      >
        {job !== undefined && (
          <div className="job-bar" data-testid="backtest-progress">
            <span className="strong">{t(`bt.job.${job.kind}`)}</span>
            <Progress
              label={t(`bt.job.${job.kind}`)}
              done={job.done}
              total={job.total}
              text={job.total > 0 ? `${fmtInt(job.done)} / ${fmtInt(job.total)} ${unit}${job.best !== undefined ? ` · ${t('bt.best', { v: formatTargetValue(job.best, 4) })}` : ''}` : t('bt.starting')}
              onCancel={job.cancelling ? undefined : () => void cancelJob(svc)}
              cancelLabel={t('bt.cancel')}
            />
          </div>
        )}
        {error !== undefined && (
          <p className="form-error" role="alert" data-testid="backtest-error">
            {errorText(error, lang)}
          </p>
        )}
        {section === 'setup' && <SetupView files={files} />}
        {section === 'report' && <ReportView />}
        {section === 'history' && <HistoryView />}
        {section === 'compare' && <CompareView />}
        {section === 'optimize' && <OptimizeView file={file} />}
        {section === 'walk' && <WalkForwardView file={file} />}
      </SubTabs>
    </div>
  );
}
