import type { BacktestResult } from '../../../shared/ipc/backtest';
import { parseReport } from './report-json';

/** Hands a file to the trader: the browser's download (the desktop app asks where to save it). */
export function download(fileName: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function readReportFile(file: File): Promise<{ result: BacktestResult } | { error: string }> {
  return parseReport(await file.text());
}
