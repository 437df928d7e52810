import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorBodyOf } from '../shared/ipc/define';
import type { ClientMessage, ServerMessage } from '../shared/ipc/contract';
import type { ApiService } from './api/service';

export interface ServerOptions {
  readonly api: ApiService;
  readonly port: number;
  /** 127.0.0.1 unless told otherwise: the terminal is not to be reached from other machines by accident. */
  readonly host?: string;
  /** Required on every WebSocket connection; a random one is made when not given. */
  readonly token?: string;
  /** The built renderer (out/renderer); when absent only the API is served. */
  readonly staticDir?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Largest request a client may send; anything bigger is a misbehaving client. */
const MAX_MESSAGE_BYTES = 1 << 20;

/**
 * Headless mode: the same API contract over a WebSocket (/ws), and the built renderer served to a browser.
 * Every connection must present the token (`/ws?token=...`), compared in constant time.
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(18).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const staticDir = opts.staticDir !== undefined ? path.resolve(opts.staticDir) : undefined;

  const server = http.createServer((req, res) => serveStatic(staticDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws' || !tokenMatches(url.searchParams.get('token') ?? '', token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const unsubscribe = opts.api.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies ServerMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: ClientMessage;
      try {
        msg = JSON.parse(String(data)) as ClientMessage;
      } catch {
        return reply(ws, { id: -1, error: { code: 'BAD_MESSAGE', message: 'message is not JSON' } });
      }
      if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number' || typeof msg.method !== 'string') {
        return reply(ws, { id: -1, error: { code: 'BAD_MESSAGE', message: 'message must be {id: number, method: string, params}' } });
      }
      opts.api.call(msg.method, msg.params).then(
        (result) => reply(ws, { id: msg.id, result }),
        (e: unknown) => reply(ws, { id: msg.id, error: errorBodyOf(e) }),
      );
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : opts.port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const ws of sockets) ws.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function reply(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function serveStatic(root: string | undefined, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (root === undefined) {
    res.writeHead(404).end('no UI is served here: build the renderer (npm run build)');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let rel = decodeURIComponent(url.pathname);
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, '.' + rel);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  });
}

/** The built renderer next to the built main (out/renderer), or in the repository's out/ when run from source. */
export function findRendererDir(): string | undefined {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    for (const candidate of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}
