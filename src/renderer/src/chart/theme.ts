import type { ChartTheme } from './chart-option';

/** The chart colours of the current theme, read from the page's CSS variables (red up, green down). */
export function themeColours(el: HTMLElement): ChartTheme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  return {
    up: v('--up', '#e84a4a'),
    down: v('--down', '#1fae72'),
    text: v('--text', '#d7dbe3'),
    muted: v('--muted', '#8a93a6'),
    grid: v('--border', '#2a3040'),
    panel: v('--panel', '#171b26'),
    lines: [v('--line1', '#f0b90b'), v('--line2', '#c679e8'), v('--line3', '#3fa7f5'), v('--line4', '#e8884a')],
  };
}
