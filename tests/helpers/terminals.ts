import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import type { ApiService } from '../../src/main/api/service';
import { Terminal, type TerminalOptions } from '../../src/main/engine/terminal';

export type OpenTerminal = (profileDir?: string, opts?: Partial<TerminalOptions>) => Terminal;

/**
 * Headless terminals for a test file, each on a fresh profile unless given one (a restart opens the same profile
 * again), stepped by the test (no autoplay), and all closed after each test (closing twice is harmless).
 */
export function terminals(defaults: Partial<TerminalOptions> = {}): OpenTerminal {
  const open: Terminal[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.close();
  });
  return (profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-test-')), opts = {}) => {
    const t = new Terminal({ autoPlay: false, ...defaults, ...opts, profileDir });
    open.push(t);
    return t;
  };
}

/**
 * The terminal's API as a client calls it (its update batches not sent), after the replay has played `ticks` ticks:
 * a few minutes of market, so that contracts are quoted.
 */
export function apiOf(t: Terminal, ticks = 0): ApiService {
  const { api, publisher } = createApi(t);
  publisher.stop();
  for (let i = 0; i < ticks; i++) t.replay.step();
  return api;
}
