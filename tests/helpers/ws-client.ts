import WebSocket from 'ws';
import type { RequestName, RequestParams, RequestResult, ServerMessage, UpdateBatch } from '../../src/shared/ipc/contract';

/** A WebSocket client of the typed contract, for tests: the same wire protocol the renderer speaks. */
export class TestClient {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly updates: UpdateBatch[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      if ('event' in msg) {
        if (msg.event === 'update') this.updates.push(msg.payload as UpdateBatch);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if ('error' in msg) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code, field: msg.error.field }));
      else p.resolve(msg.result);
    });
  }

  static connect(url: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  call<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    return this.raw(method, params) as Promise<RequestResult<K>>;
  }

  /** Sends anything, typed or not: for tests of malformed requests. */
  raw(method: string, params: unknown): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Waits for an update batch that satisfies `pred`. */
  async waitFor(pred: (u: UpdateBatch) => boolean, timeoutMs = 5000): Promise<UpdateBatch> {
    const start = Date.now();
    let seen = 0;
    for (;;) {
      for (; seen < this.updates.length; seen++) if (pred(this.updates[seen]!)) return this.updates[seen]!;
      if (Date.now() - start > timeoutMs) throw new Error('no matching update batch in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Turns a server URL (http://host:port/?token=...) into its WebSocket endpoint. */
export function wsUrl(serverUrl: string): string {
  const u = new URL(serverUrl);
  return `ws://${u.host}/ws?token=${u.searchParams.get('token')}`;
}
