import { useEffect, useRef } from 'react';
import { useServices, useSlice } from '../app/context';
import type { ChartTheme } from '../chart/chart-option';
import { echarts, type EChart } from '../chart/echarts';
import { themeColours } from '../chart/theme';

interface Props {
  /** Builds the option from the theme's colours; a new function (new data, language) redraws. */
  readonly build: (theme: ChartTheme) => Record<string, unknown>;
  readonly label: string;
  readonly height?: number | string;
  readonly testId?: string;
  /** Figures a test (or a screen reader) can read beside the canvas, e.g. data-points. */
  readonly data?: Readonly<Record<string, string | number>>;
}

/** One echarts chart of a report or a view: it follows the panel's size and the theme. */
export function EChartBox({ build, label, height = 240, testId, data }: Props) {
  const svc = useServices();
  const theme = useSlice(svc.settings, (s) => s.theme);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChart | undefined>(undefined);

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(host);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    const chart = chartRef.current;
    if (host === null || chart === undefined) return;
    chart.setOption({ animation: false, ...build(themeColours(host)) }, { notMerge: true });
  }, [build, theme]);

  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) attrs[`data-${k}`] = String(v);
  return <div ref={hostRef} className="echart-box" role="img" aria-label={label} style={{ height }} data-testid={testId} {...attrs} />;
}
