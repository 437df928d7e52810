import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
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
