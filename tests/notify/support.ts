import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertService, type AlertServiceOptions } from '../../src/main/notify/alert-service';
import type { FetchLike } from '../../src/main/notify/deliver';
import type { LogEntry } from '../../src/shared/model/types';
import type { AlertChannelInput } from '../../src/shared/ipc/alerts';

/** One POST the local server received. */
export interface Received {
  /** The path and query exactly as sent. */
  readonly rawUrl: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  /** The JSON body. */
  readonly body: Record<string, unknown>;
  /** The test's virtual time when it arrived. */
  readonly at: number;
}

export interface Reply {
  readonly status?: number;
  readonly body?: string;
  /** Hold the answer until release() (a robot that does not answer). */
  readonly hang?: boolean;
}

export const OK_DINGTALK: Reply = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

/** A local HTTP server standing in for the vendors' robots: it records what it receives and answers as told. */
export class RecordingServer {
  readonly received: Received[] = [];
  reply: (r: Received, n: number) => Reply = () => OK_DINGTALK;
  private readonly held: http.ServerResponse[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly clock: () => number,
  ) {}

  static start(clock: () => number = Date.now): Promise<RecordingServer> {
    return new Promise((resolve) => {
      let self: RecordingServer | undefined = undefined;
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const url = new URL(req.url ?? '/', 'http://local');
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            // recorded raw
          }
          const r: Received = { rawUrl: req.url ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, raw, body, at: self!.clock() };
          self!.received.push(r);
          const reply = self!.reply(r, self!.received.length);
          if (reply.hang) {
            self!.held.push(res);
            return;
          }
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
          res.end(reply.body ?? '');
        });
      });
      self = new RecordingServer(server, clock);
      server.listen(0, '127.0.0.1', () => resolve(self!));
    });
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers the held requests. */
  release(reply: Reply = OK_DINGTALK): void {
    for (const res of this.held.splice(0)) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(reply.body ?? '');
    }
  }

  close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A fetch that sends every request to the local server instead of the vendor's host: nothing leaves the machine. */
export function localFetch(origin: string): FetchLike {
  return (url, init) => fetch(url.replace(/^https?:\/\/[^/]+/, origin), init);
}

/** A port nothing listens on. */
export async function closedPortOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Virtual wall-clock time: sleeping moves it on at once, so a minute's rate window takes no real time. */
export class VirtualTime {
  readonly sleeps: number[] = [];
  constructor(public t = Date.UTC(2025, 2, 3, 1, 31)) {}
  readonly now = (): number => this.t;
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.t += ms;
  };
}

/** Keeps channel settings and secrets in memory (the SQLite-backed stores are tested in settings.test.ts). */
export class MemoryKv {
  readonly values = new Map<string, string>();
  getValue(key: string): string | undefined {
    return this.values.get(key);
  }
  setValue(key: string, value: string): void {
    this.values.set(key, value);
  }
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}

export interface Harness {
  readonly service: AlertService;
  readonly server: RecordingServer;
  readonly time: VirtualTime;
  readonly logs: LogEntry[];
}

/** An alert service whose robots are the local server, on virtual time, logging into an array. */
export async function harness(opts: Partial<AlertServiceOptions> = {}): Promise<Harness> {
  const time = new VirtualTime();
  const server = await RecordingServer.start(time.now);
  const logs: LogEntry[] = [];
  const kv = new MemoryKv();
  const service = new AlertService({
    settings: kv,
    secrets: kv,
    log: (level, source, message) => logs.push({ time: time.now(), level, source, message }),
    fetch: localFetch(server.origin),
    now: time.now,
    sleep: time.sleep,
    ...opts,
  });
  return { service, server, time, logs };
}

export const DINGTALK_URL = 'https://oapi.dingtalk.com/robot/send?access_token=4f7c2b9d0e1a3c5b7d9f1e3a5c7b9d0f2e4a6c8b0d1f3e5a7c9b1d3f5e7a9c0b';
export const DINGTALK_SECRET = 'SEC8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';
export const WECOM_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b3c-4bc4-97a0-0ec2f1a5a9d3';
export const FEISHU_URL = 'https://open.feishu.cn/open-apis/bot/v2/hook/8c2f3a9e-5b1d-4e7a-9c3f-2d6b8e1a4f70';
export const FEISHU_SECRET = 'qX7vN2pL9kR4tY6wZ1bC3d';

export function channel(over: Partial<AlertChannelInput> & Pick<AlertChannelInput, 'kind' | 'url'>): AlertChannelInput {
  return { name: `${over.kind} 群`, events: ['fill', 'rejected', 'risk', 'strategyError', 'gateway', 'settlement'], enabled: true, ...over };
}
