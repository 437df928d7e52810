import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import type { ApiService } from '../../src/main/api/service';
import type { UpdatePublisher } from '../../src/main/api/publisher';
import { Terminal, type TerminalOptions } from '../../src/main/engine/terminal';
import { startServer, type RunningServer } from '../../src/main/server';
import { shanghaiToEpoch } from '../../src/shared/model/time';

/**
 * The end-to-end harness: the real headless terminal in this process (engine on a simulated account replaying the
 * bundled 1-minute bars, its API, the WebSocket server serving the built UI) and Debian's Chromium driven by
 * playwright-core. Nothing is mocked: the UI talks to the engine over the same WebSocket a trader's browser does.
 */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
export const SHOTS_DIR = path.join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';

export interface Running {
  readonly terminal: Terminal;
  readonly api: ApiService;
  readonly publisher: UpdatePublisher;
  readonly server: RunningServer;
  readonly profileDir: string;
  close(): Promise<void>;
}

export function requireBuiltUi(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The built UI is missing (${RENDERER_DIR}): run \`npm run build\` before the end-to-end tests.`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing (${CHROMIUM}): apt-get install chromium`);
}

export interface StartOptions extends Partial<TerminalOptions> {
  /** Market time to play silently before the UI opens, so the chart has history (default: 2026-01-06 10:00). */
  readonly warmUntil?: number | null;
  readonly profileDir?: string;
}

/** Starts the headless terminal on a fresh (or given) profile; the replay plays on at `replaySpeed`. */
export async function startTerminal(opts: StartOptions = {}): Promise<Running> {
  requireBuiltUi();
  const profileDir = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-e2e-'));
  // No demo strategy: the journeys check an account that only the trader at the screen trades.
  // The journeys were written on the sample's timeline from its first bar, with their own warm-up (warmUntil).
  const terminal = new Terminal({ demoStrategy: false, historyDays: 0, ...opts, profileDir, autoPlay: false, replaySpeed: opts.replaySpeed ?? 60 });
  const warm = opts.warmUntil === undefined ? shanghaiToEpoch(2026, 1, 6, 10, 0) : opts.warmUntil;
  if (warm !== null && terminal.replay.time < warm) terminal.replay.playUntil(warm);
  const { api, publisher } = createApi(terminal);
  if (opts.autoPlay !== false) terminal.play();
  const server = await startServer({ api, port: 0, staticDir: RENDERER_DIR });
  return {
    terminal,
    api,
    publisher,
    server,
    profileDir,
    async close() {
      publisher.stop();
      await server.close();
      terminal.close();
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, on a new temporary profile. */
export async function openUi(url: string, viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Errors the page logged (uncaught exceptions, console.error): a journey ends with none. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The terminal and the browser on it that a test of a `freshTerminalPerTest` block runs against. */
export interface Session {
  readonly run: Running;
  readonly ui: Browser;
}

/**
 * For each test of the describe block it is called in: a fresh terminal (on a new profile, started with what `opts`
 * gives) and Chromium on its UI, both closed after the test. Read `run` and `ui` inside the tests.
 */
export function freshTerminalPerTest(opts: () => StartOptions = () => ({})): Session {
  let current: { run: Running; ui: Browser } | undefined;
  beforeEach(async () => {
    const run = await startTerminal(opts());
    current = { run, ui: await openUi(run.server.url) };
  });
  afterEach(async () => {
    await current?.ui.close();
    await current?.run.close();
    current = undefined;
  });
  const started = (): { run: Running; ui: Browser } => {
    if (current === undefined) throw new Error('no terminal: read the session inside a test');
    return current;
  };
  return {
    get run() {
      return started().run;
    },
    get ui() {
      return started().ui;
    },
  };
}
