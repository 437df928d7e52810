import type { ServerMessage } from '../../../shared/ipc/contract';
import { ClientError, type ConnectionState, type Transport } from './client';

export interface WsOptions {
  /** ws(s)://host/ws?token=... */
  readonly url: string;
  /** First retry delay; doubles on each failure up to maxDelayMs. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A request unanswered this long fails with TIMEOUT. */
  readonly callTimeoutMs?: number;
  /** Injected for tests; the browser's WebSocket otherwise. */
  readonly WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: ClientError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Delay before reconnect attempt `attempt` (1-based): exponential back-off with jitter so clients do not stampede. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

/**
 * Headless mode: the contract over a WebSocket. It reconnects with back-off when the link drops, and fails the
 * requests in flight at once (an order is never re-sent silently after a reconnect: the trader decides).
 */
export function wsTransport(opts: WsOptions): Transport {
  const WS = opts.WebSocketImpl ?? WebSocket;
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 10_000;
  const callTimeout = opts.callTimeoutMs ?? 15_000;
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, transport: 'ws' };
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let everOpen = false;

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const failPending = (why: ClientError): void => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(why);
    }
    pending.clear();
  };

  const onMessage = (raw: unknown): void => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(raw)) as ServerMessage;
    } catch {
      return;
    }
    if ('event' in msg) {
      for (const l of eventListeners) l(msg.event, msg.payload);
      return;
    }
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if ('error' in msg) p.reject(ClientError.of(msg.error));
    else p.resolve(msg.result);
  };

  const connect = (): void => {
    if (closed) return;
    const ws = new WS(opts.url);
    socket = ws;
    ws.onopen = () => {
      // For the start-up benchmark (bench/ui-frames.ts): when the link first opened.
      if (!everOpen) performance.mark('qihuo:ws-open');
      everOpen = true;
      setState({ status: 'open', attempt: 0, transport: 'ws' });
    };
    ws.onmessage = (e: MessageEvent) => onMessage(e.data);
    // A failed connection also closes: the close handler retries.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      failPending(new ClientError('DISCONNECTED', 'connection to the engine lost'));
      if (closed) {
        setState({ status: 'closed', attempt: state.attempt, transport: 'ws' });
        return;
      }
      const attempt = state.status === 'open' ? 1 : state.attempt + 1;
      const delay = backoffDelay(attempt, base, max);
      setState({
        status: everOpen ? 'reconnecting' : 'connecting',
        attempt,
        retryAt: Date.now() + delay,
        problem: 'unreachable',
        transport: 'ws',
      });
      retryTimer = setTimeout(connect, delay);
    };
  };

  connect();

  return {
    kind: 'ws',
    get state() {
      return state;
    },
    call(method, params) {
      const ws = socket;
      if (ws === undefined || ws.readyState !== WS.OPEN) {
        return Promise.reject(new ClientError('DISCONNECTED', 'not connected to the engine'));
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new ClientError('TIMEOUT', `${method}: no answer within ${callTimeout} ms`));
        }, callTimeout);
        pending.set(id, { resolve, reject, timer });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      socket?.close();
      setState({ status: 'closed', attempt: 0, transport: 'ws' });
    },
  };
}
