import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** One request the replay server answered. */
export interface Served {
  readonly path: string;
  readonly symbol: string;
  readonly kind: 'daily' | '1min';
  readonly at: number;
}

export interface SinaReplay {
  readonly baseUrl: string;
  /** Every request answered, oldest first. */
  readonly log: Served[];
  /** Per "SYMBOL kind" (e.g. "RB0 daily"): statuses, or 'garbage', to answer before the recorded answer. */
  readonly failures: Map<string, (number | 'garbage')[]>;
  close(): Promise<void>;
}

const FIXTURES = path.resolve(import.meta.dirname, '..', 'data', 'fixtures', 'sina');

/**
 * A local server that answers like Sina's futures endpoints, replaying the answers recorded in
 * tests/data/fixtures/sina: downloads are tested without reaching the network. A symbol without a recording gets
 * Sina's answer for no data.
 */
export async function startSinaReplay(): Promise<SinaReplay> {
  const log: Served[] = [];
  const failures = new Map<string, (number | 'garbage')[]>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const kind = url.pathname.includes('getDailyKLine') ? 'daily' : url.pathname.includes('getFewMinLine') ? '1min' : undefined;
    const symbol = url.searchParams.get('symbol') ?? '';
    if (kind === undefined || !url.pathname.startsWith('/futures/api/jsonp.php/')) {
      res.writeHead(404).end();
      return;
    }
    log.push({ path: url.pathname, symbol, kind, at: Date.now() });
    const fail = failures.get(`${symbol} ${kind}`)?.shift();
    if (fail === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>访问过于频繁</body></html>');
      return;
    }
    if (typeof fail === 'number') {
      res.writeHead(fail).end();
      return;
    }
    const file = path.join(FIXTURES, `${symbol}_${kind}.txt`);
    if (!fs.existsSync(file)) {
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(`/*<script>location.href='//sina.com';</script>*/\nvar _${symbol}=(null);`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    failures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
