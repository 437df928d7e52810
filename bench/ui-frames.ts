/**
 * The trading screen's smoothness in Chromium (issue 7): frame times while 1,000 order updates a second stream in,
 * and while panning a chart of 200,000 candles; and the time from launching the browser to the first quote shown.
 * Each figure comes with a reference measured in the same run: frames of the same screen with only the quotes moving,
 * the same pan over 5,000 candles, and the launch of a blank page. Run: npm run build && npx tsx bench/ui-frames.ts
 *
 * Where it runs: the real headless terminal (engine, API, WebSocket server, built UI) in this process, Debian's
 * Chromium driven by playwright-core. The 200,000 candles are the bundled real rb2005 1-minute bars (51,510) laid
 * end to end four times, each copy shifted in time and price to continue the previous one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApi } from '../src/main/api/handlers';
import { Terminal } from '../src/main/engine/terminal';
import { readSampleCsv } from '../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../src/main/resources';
import { startServer } from '../src/main/server';
import { shanghaiToEpoch } from '../src/shared/model/time';
import type { Bar } from '../src/shared/model/types';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out', 'renderer');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const VIEWPORT = { width: 1440, height: 900 };
const BIG = 200_000;
const SMALL = 5_000;

if (!fs.existsSync(path.join(RENDERER, 'index.html'))) {
  console.error(`The built UI is missing (${RENDERER}): run npm run build first.`);
  process.exit(1);
}

function bigSeries(symbol: string, n: number): Bar[] {
  const terminalCalendar = new Terminal({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-bench-cal-')), autoPlay: false, demoStrategy: false });
  const cols = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), terminalCalendar.contracts.calendar);
  terminalCalendar.close();
  const out: Bar[] = [];
  const span = cols.time[cols.length - 1]! - cols.time[0]! + 60_000;
  // Copies end before the replay's own history starts, so the live bars continue the chart.
  const end = shanghaiToEpoch(2026, 1, 5, 8, 0);
  const copies = Math.ceil(n / cols.length);
  let priceShift = 0;
  for (let k = 0; k < copies && out.length < n; k++) {
    const timeShift = end - (copies - k) * span - cols.time[0]!;
    for (let i = 0; i < cols.length && out.length < n; i++) {
      out.push({
        symbol,
        period: '1m',
        time: cols.time[i]! + timeShift,
        tradingDay: cols.tradingDay[i]!,
        open: cols.open[i]! + priceShift,
        high: cols.high[i]! + priceShift,
        low: cols.low[i]! + priceShift,
        close: cols.close[i]! + priceShift,
        volume: cols.volume[i]!,
        openInterest: cols.openInterest[i]!,
      });
    }
    priceShift += cols.close[cols.length - 1]! - cols.open[0]!;
  }
  return out;
}

async function launch(): Promise<{ context: BrowserContext; page: Page; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-bench-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, viewport: VIEWPORT, args: ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, dir };
}

async function closeBrowser(b: { context: BrowserContext; dir: string }): Promise<void> {
  await b.context.close();
  fs.rmSync(b.dir, { recursive: true, force: true });
}

const FIRST_QUOTE_WATCHER = `(() => {
  const check = () => {
    const c = document.querySelector('[role=grid][aria-label="行情"] .vt-body [role=row] [role=gridcell]:nth-child(3)');
    if (c && /\\d/.test(c.textContent)) { window.__firstQuote = { at: performance.now(), origin: performance.timeOrigin }; obs.disconnect(); }
  };
  const obs = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => obs.observe(document.body, { subtree: true, childList: true, characterData: true }));
})()`;

const FRAME_RECORDER = `(() => {
  window.__frames = []; window.__long = 0; window.__rec = true;
  let last = performance.now();
  const f = (t) => { window.__frames.push(t - last); last = t; if (window.__rec) requestAnimationFrame(f); };
  requestAnimationFrame(f);
  if (!window.__obs) {
    window.__obs = new PerformanceObserver((l) => { if (window.__rec) for (const e of l.getEntries()) window.__long += e.duration - 50; });
    window.__obs.observe({ type: 'longtask' });
  }
})()`;

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over50: number;
  fps: number;
  blockingMs: number;
}

async function recordFrames(page: Page, ms: number, during?: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(FRAME_RECORDER);
  const start = Date.now();
  if (during) await during();
  const left = ms - (Date.now() - start);
  if (left > 0) await page.waitForTimeout(left);
  const r = (await page.evaluate('(() => { window.__rec = false; return { frames: window.__frames, long: window.__long }; })()')) as { frames: number[]; long: number };
  const f = r.frames.slice(1).sort((a, b) => a - b);
  const q = (p: number): number => f[Math.min(f.length - 1, Math.floor(p * f.length))] ?? NaN;
  const total = f.reduce((a, b) => a + b, 0);
  return { frames: f.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: f[f.length - 1] ?? NaN, over50: f.filter((x) => x > 50).length, fps: (f.length / total) * 1000, blockingMs: r.long };
}

const fmt = (s: FrameStats): string =>
  `${s.fps.toFixed(1)} fps, frame p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(0)} ms, ${s.over50} frames > 50 ms, blocking ${s.blockingMs.toFixed(0)} ms`;

async function main(): Promise<void> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-bench-ui-'));
  const terminal = new Terminal({
    profileDir,
    autoPlay: false,
    demoStrategy: false,
    initialBalance: 1e10,
    risk: { maxOrdersPerSecond: 0, maxOpenOrdersPerContract: 0, maxCancelsPerContractPerDay: 0, maxPositionPerContract: 0, selfTradeCheck: false },
  });
  terminal.replay.playUntil(shanghaiToEpoch(2026, 1, 6, 10, 0));
  const { api, publisher } = createApi(terminal);
  let chartBars: 'real' | 'big' | 'small' = 'real';
  const big = bigSeries('SHFE.rb2605', BIG);
  const realCall = api.call.bind(api);
  api.call = async (method: string, params: unknown): Promise<unknown> => {
    const p = params as { symbol?: string; period?: string; count?: number };
    if (method === 'market.bars' && chartBars !== 'real' && p.period === '1m' && (p.count ?? 0) > 100) {
      const real = (await realCall(method, params)) as Bar[];
      const base = chartBars === 'big' ? big : big.slice(big.length - SMALL);
      return [...base.slice(0, Math.max(0, base.length - real.length)), ...real];
    }
    return realCall(method, params);
  };
  terminal.play();
  const server = await startServer({ api, port: 0, staticDir: RENDERER });
  console.log(`Chromium ${CHROMIUM}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, ${os.cpus().length} CPU cores`);

  // ---- launch to first quote -----------------------------------------------------------------------------------
  const blankRuns: number[] = [];
  const quoteRuns: number[] = [];
  const navRuns: number[] = [];
  const phases: Record<string, number[]> = { 'link open': [], 'snapshot applied': [] };
  for (let i = 0; i < 3; i++) {
    let t0 = Date.now();
    const blank = await launch();
    await blank.page.goto(`${server.url.replace(/\/\?token.*/, '')}/favicon-none`).catch(() => undefined);
    blankRuns.push(Date.now() - t0);
    await closeBrowser(blank);

    t0 = Date.now();
    const b = await launch();
    // The page notes when the first price appears in the market watch (a MutationObserver, no polling).
    await b.page.addInitScript(FIRST_QUOTE_WATCHER);
    await b.page.goto(server.url);
    const end = Date.now() + 30_000;
    type Seen = { at: number; origin: number };
    const firstQuote = async (): Promise<Seen | null> => (await b.page.evaluate('window.__firstQuote ?? null')) as Seen | null;
    let seen = await firstQuote();
    while (seen === null) {
      if (Date.now() > end) throw new Error('no quote shown within 30 s');
      await new Promise((r) => setTimeout(r, 10));
      seen = await firstQuote();
    }
    quoteRuns.push(seen.origin + seen.at - t0);
    navRuns.push(seen.at);
    const marks = (await b.page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))`)) as Record<string, number>;
    phases['link open']!.push(marks['qihuo:ws-open'] ?? NaN);
    phases['snapshot applied']!.push(marks['qihuo:snapshot'] ?? NaN);
    await closeBrowser(b);
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nLaunch to first quote shown: ${med(quoteRuns).toFixed(0)} ms (median of 3; ${quoteRuns.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  of which in the page (navigation to first quote): ${med(navRuns).toFixed(0)} ms; ${Object.entries(phases).map(([k, v]) => `${k} at ${med(v).toFixed(0)} ms`).join(', ')}`);
  console.log(`  reference, launch to a blank page from the same server: ${med(blankRuns).toFixed(0)} ms; ratio ${(med(quoteRuns) / med(blankRuns)).toFixed(2)}x`);

  // ---- 1,000 order updates a second ---------------------------------------------------------------------------
  const b = await launch();
  const page = b.page;
  await page.goto(server.url);
  await page.getByRole('tab', { name: '委托', exact: true }).click();
  await page.waitForTimeout(1500);
  const quietFrames = await recordFrames(page, 5000);
  console.log(`\nFrames, quotes only (reference): ${fmt(quietFrames)}`);

  let sent = 0;
  let cancels = 0;
  const working: string[] = [];
  const floodStart = Date.now();
  const flood = setInterval(() => {
    // Half new resting orders, half cancels, 1,000 order updates a second: each tick catches up with the clock.
    const q = terminal.engine.market.get('SHFE.rb2605');
    const bid = q?.bid ?? 0;
    if (!(bid > 0)) return;
    const due = Date.now() - floodStart - sent - cancels;
    for (let i = 0; i < due; i++) {
      if (i % 2 === 0 || working.length <= 100) {
        const [o] = terminal.engine.sendOrder({ symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', type: 'limit', price: bid - 20 - (sent % 50), volume: 1, source: 'bench' });
        sent++;
        if (o !== undefined && o.status !== 'rejected') working.push(o.id);
      } else {
        terminal.engine.cancelOrder(working.shift()!);
        cancels++;
      }
    }
  }, 10);
  const t0 = Date.now();
  const floodFrames = await recordFrames(page, 10_000);
  clearInterval(flood);
  const secs = (Date.now() - t0) / 1000;
  const rows = await page.locator('[role=grid][aria-label="委托"]').getAttribute('aria-rowcount');
  console.log(`Frames, ${((sent + cancels) / secs).toFixed(0)} order updates a second (${sent} orders, ${cancels} cancels, table at ${Number(rows) - 1} rows): ${fmt(floodFrames)}`);
  console.log(`  ratio p95 flood / quotes only: ${(floodFrames.p95 / quietFrames.p95).toFixed(2)}x`);
  terminal.engine.cancelAll();

  // ---- an orders table of 100,000 rows ---------------------------------------------------------------------------
  // FAK orders below the bid: each is cancelled at once (nothing rests), each is a row in 委托.
  const TARGET_ROWS = 100_000;
  const rowCount = async (): Promise<number> => Number(await page.locator('[role=grid][aria-label="委托"]').getAttribute('aria-rowcount')) - 1;
  const bid0 = terminal.engine.market.get('SHFE.rb2605')!.bid;
  const tFill = Date.now();
  while (terminal.engine.oms.orders.size < TARGET_ROWS) {
    const left = TARGET_ROWS - terminal.engine.oms.orders.size;
    for (let i = 0; i < Math.min(2000, left); i++) {
      terminal.engine.sendOrder({ symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', type: 'fak', price: bid0 - 20 - (i % 50), volume: 1 + (i % 7), source: 'bench' });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  while ((await rowCount()) < TARGET_ROWS) await page.waitForTimeout(50);
  console.log(`\nOrders table at ${await rowCount()} rows (${((Date.now() - tFill) / 1000).toFixed(1)} s to stream them in)`);
  const grid = page.locator('[role=grid][aria-label="委托"]');
  const gb = (await grid.boundingBox())!;
  await page.mouse.move(gb.x + gb.width / 2, gb.y + gb.height / 2);
  const scrollFrames = await recordFrames(page, 4000, async () => {
    for (let k = 0; k < 40; k++) {
      await page.mouse.wheel(0, k < 20 ? 2400 : -1800);
      await page.waitForTimeout(60);
    }
  });
  console.log(`Frames, scrolling it with the wheel: ${fmt(scrollFrames)}`);
  const timed = async (f: () => Promise<void>): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const firstRow = async (): Promise<string> => grid.locator('.vt-body [role=row]').first().innerText();
  const before = await firstRow();
  const sortMs = await timed(async () => {
    await grid.getByRole('button', { name: '按委托量排序' }).click();
    while ((await firstRow()) === before) await page.waitForTimeout(5);
  });
  const filterMs = await timed(async () => {
    // One price in fifty: about 2,000 rows.
    await page.getByRole('searchbox', { name: '委托 筛选' }).fill(`FAK ${bid0 - 69}`);
    while ((await rowCount()) >= TARGET_ROWS) await page.waitForTimeout(5);
  });
  const filtered = await rowCount();
  await page.getByRole('searchbox', { name: '委托 筛选' }).fill('');
  console.log(`Sorting ${TARGET_ROWS} rows by a column: ${sortMs.toFixed(0)} ms to the first row changed; filtering to ${filtered} rows: ${filterMs.toFixed(0)} ms (both include the driver's round trips)`);

  // ---- panning 200,000 candles --------------------------------------------------------------------------------
  const panOnce = async (): Promise<void> => {
    const box = (await page.getByTestId('chart').boundingBox())!;
    const y = box.y + box.height * 0.3;
    for (let k = 0; k < 6; k++) {
      await page.mouse.move(box.x + box.width * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, y, { steps: 25 });
      await page.mouse.up();
      await page.mouse.wheel(0, k % 2 ? 300 : -300);
    }
  };
  const barsShown = async (): Promise<number> => Number(await page.getByTestId('chart').getAttribute('data-bars'));
  const waitBars = async (ok: (n: number) => boolean): Promise<void> => {
    const end = Date.now() + 60_000;
    while (!ok(await barsShown())) {
      if (Date.now() > end) throw new Error(`chart never showed the expected bars (now ${await barsShown()})`);
      await page.waitForTimeout(20);
    }
  };
  /** Time from picking the 1-minute period to the chart drawn with `expect` candles. */
  const loadChart = async (kind: 'big' | 'small', expect: number): Promise<number> => {
    chartBars = kind;
    await page.getByRole('radio', { name: '5分', exact: true }).click();
    await waitBars((n) => n > 0 && n < 10_000);
    const t1 = performance.now();
    await page.getByRole('radio', { name: '1分', exact: true }).click();
    await waitBars((n) => n >= expect);
    return performance.now() - t1;
  };
  await page.getByRole('tab', { name: '持仓', exact: true }).click();
  const smallLoad = await loadChart('small', SMALL);
  // Zoomed out to a wide window, then panned and zoomed back and forth.
  await page.mouse.move(700, 400);
  const smallPan = await recordFrames(page, 8000, panOnce);
  const bigLoad = await loadChart('big', BIG);
  const bigPan = await recordFrames(page, 8000, panOnce);
  const shown = await page.getByTestId('chart').getAttribute('data-bars');
  console.log(`\nChart of ${shown} candles: loaded and drawn in ${bigLoad.toFixed(0)} ms (${SMALL} candles: ${smallLoad.toFixed(0)} ms)`);
  console.log(`Frames, panning and zooming ${BIG} candles: ${fmt(bigPan)}`);
  console.log(`Frames, the same over ${SMALL} candles (reference): ${fmt(smallPan)}`);
  console.log(`  ratio p95 ${BIG} / ${SMALL}: ${(bigPan.p95 / smallPan.p95).toFixed(2)}x`);

  await closeBrowser(b);
  publisher.stop();
  await server.close();
  terminal.close();
  fs.rmSync(profileDir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
