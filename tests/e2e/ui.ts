import type { Locator, Page } from 'playwright-core';

/** Page helpers for the journeys: read what the UI shows, the way a trader reads it. */

/** Polls `read` until `ok` holds; fails with what was last seen, so a failure says what the screen showed. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}${lastError ? ` (error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** "100,000.00" -> 100000; "—" -> NaN. */
export function num(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const t = text.replace(/[,%\s]/g, '').replace('+', '');
  return t === '' || t === '—' ? Number.NaN : Number(t);
}

export type Row = Record<string, string>;

export function grid(page: Page, name: string): Locator {
  return page.getByRole('grid', { name, exact: true });
}

/** The rows of a table as {column title: cell text}, in the order shown. */
export async function readGrid(page: Page, name: string): Promise<Row[]> {
  const g = grid(page, name);
  const headers = (await g.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  // A grid caught before its header was drawn reads as empty: the caller's until() reads it again.
  if (headers.length === 0) return [];
  const rows = g.locator('.vt-body [role=row]');
  const n = await rows.count();
  const out: Row[] = [];
  for (let i = 0; i < n; i++) {
    const cells = await rows.nth(i).getByRole('gridcell').allInnerTexts();
    out.push(Object.fromEntries(headers.map((h, j) => [h, (cells[j] ?? '').trim()])));
  }
  return out;
}

/**
 * What a grid draws cut off: header titles and row buttons (in `row-actions` or alone in a cell) wider than their cells, as
 * "title: needed > shown" (the cell's padding counted), and values cut at their cell's edge (but for
 * those with a tooltip).
 */
export async function cutOff(page: Page, name: string): Promise<string[]> {
  await grid(page, name).waitFor();
  // A string, as the page's DOM types are not the test's.
  return page.evaluate(`((g) => {
    const out = [];
    const check = (what, content, cell) => {
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const need = content.getBoundingClientRect().width;
      if (need > room + 0.5) out.push(what + ': ' + need.toFixed(0) + ' > ' + room.toFixed(0));
    };
    for (const h of g.querySelectorAll('[role=columnheader]')) {
      const title = h.querySelector('.vt-title');
      if (title !== null) check(title.textContent, title, h);
    }
    for (const a of g.querySelectorAll('.row-actions, [role=gridcell] > button')) check(a.textContent, a, a.closest('[role=gridcell]'));
    // A value cut at its cell's edge (shown with an ellipsis), unless it shows whole on hover (a status message).
    for (const c of g.querySelectorAll('[role=gridcell]')) {
      if (c.querySelector('button, [title]') === null && c.scrollWidth > c.clientWidth + 1) out.push(c.textContent + ': ' + c.scrollWidth + ' > ' + c.clientWidth);
    }
    return out;
  })(document.querySelector('[role=grid][aria-label=' + ${JSON.stringify(JSON.stringify(name))} + ']'))`);
}

/** Shows a panel by its tab (panels share tab groups). */
export async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

export function ticket(page: Page): Locator {
  return page.getByRole('form', { name: '下单' }).or(page.getByRole('form', { name: 'Ticket' }));
}

const ACCOUNT_FIELDS: Record<string, string> = {
  上日权益: 'preBalance',
  入金: 'deposit',
  出金: 'withdraw',
  静态权益: 'staticBalance',
  平仓盈亏: 'closeProfit',
  持仓盈亏: 'positionProfit',
  浮动盈亏: 'floatProfit',
  手续费: 'commission',
  动态权益: 'balance',
  保证金占用: 'margin',
  冻结保证金: 'frozenMargin',
  冻结手续费: 'frozenCommission',
  可用资金: 'available',
  风险度: 'riskRatio',
  交易日: 'tradingDay',
};

/**
 * The account panel's figures by field (preBalance, balance, margin...), read in one go so that they all come from
 * the same update (the account moves with every tick).
 */
export async function readAccount(page: Page): Promise<Record<string, number>> {
  const items = await page.locator('.acc-item').allInnerTexts();
  const out: Record<string, number> = {};
  for (const text of items) {
    const [label, value] = text.split('\n').map((x) => x.trim());
    const field = ACCOUNT_FIELDS[label ?? ''];
    if (field !== undefined) out[field] = field === 'tradingDay' ? Number((value ?? '').replace(/-/g, '')) : num(value);
  }
  return out;
}

export async function toasts(page: Page): Promise<string[]> {
  return page.locator('.toast span').allInnerTexts();
}

/** Sets the ticket to a limit price and a volume (typing as a trader does). */
export async function fillTicket(page: Page, opts: { price?: string; volume?: string; priceKind?: string }): Promise<void> {
  const tk = ticket(page);
  if (opts.priceKind !== undefined) await tk.getByLabel('价格', { exact: true }).selectOption(opts.priceKind);
  if (opts.price !== undefined) await tk.getByLabel('委托价', { exact: true }).fill(opts.price);
  if (opts.volume !== undefined) await tk.getByLabel('手数', { exact: true }).fill(opts.volume);
}

/** The latest quote of a contract as the market watch shows it. */
export async function watchRow(page: Page, code: string): Promise<Row> {
  const rows = await readGrid(page, '行情');
  const r = rows.find((x) => x['合约'] === code);
  if (r === undefined) throw new Error(`${code} is not in the market watch (rows: ${rows.map((x) => x['合约']).join(', ')})`);
  return r;
}

export const close = (a: number, b: number, tol = 0.011): boolean => Math.abs(a - b) <= tol;

/** Files dropped on the window, as a trader drags them from the desktop (a real DataTransfer with File objects). */
export async function dropFiles(page: Page, files: readonly { name: string; text: string }[]): Promise<void> {
  const dt = await page.evaluateHandle((list) => {
    // In the page: its DataTransfer and File (this file is compiled without the DOM's types).
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const d = new g.DataTransfer();
    for (const f of list) d.items.add(new g.File([f.text], f.name, { type: 'text/plain' }));
    return d;
  }, files);
  const target = page.locator('.app');
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/** A statistic of a report or an analytics view, by its key (data-stat), as the number it shows. */
export async function stat(scope: Locator, key: string): Promise<number> {
  return num(await scope.locator(`[data-stat="${key}"] dd`).first().innerText());
}

/** A plain table (role=table) as {column title: cell text} rows. */
export async function readTable(page: Page, name: string): Promise<Row[]> {
  const table = page.getByRole('table', { name, exact: true });
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  // Read again by the caller's until() if the table was caught before its header was drawn.
  if (headers.length === 0 || headers.some((h) => h === '')) return [];
  const out: Row[] = [];
  const rows = table.locator('tbody tr');
  for (let i = 0, n = await rows.count(); i < n; i++) {
    const cells = await rows.nth(i).locator('th, td').allInnerTexts();
    out.push(Object.fromEntries(headers.map((h, j) => [h, (cells[j] ?? '').trim()])));
  }
  return out;
}
