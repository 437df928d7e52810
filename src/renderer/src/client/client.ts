import type { EventName, Events, RequestName, RequestParams, RequestResult, UpdateBatch } from '../../../shared/ipc/contract';
import { ApiError, type ApiErrorBody, type CatalogMessage } from '../../../shared/ipc/define';

/** Where the link to the engine stands; the top bar shows it. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Failed attempts since the link was last open. */
  readonly attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  readonly retryAt?: number;
  /** Why the link is down, when known (the top bar says it in the user's language). */
  readonly problem?: 'unreachable' | 'noToken';
  /** Which transport carries the contract. */
  readonly transport: 'ipc' | 'ws';
}

/**
 * A request that failed: the engine's {code, message, field}, with the catalog and parameters that word it in the UI's
 * language where the engine sent them, or a transport failure (code DISCONNECTED).
 */
export class ClientError extends ApiError {
  constructor(code: string, message: string, field?: string, text?: CatalogMessage) {
    super(code, message, field, text);
    this.name = 'ClientError';
  }

  /** The error as the engine answered it (over either transport). */
  static of(body: ApiErrorBody): ClientError {
    const text = body.catalog !== undefined ? { catalog: body.catalog, params: body.params ?? {} } : undefined;
    return new ClientError(String(body.code), String(body.message), body.field, text);
  }
}

/** What a transport moves: untyped calls and events. The typed client sits on top. */
export interface Transport {
  readonly kind: 'ipc' | 'ws';
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  close(): void;
}

/** The renderer's one way to the engine: the typed contract, whatever carries it. */
export interface TerminalClient {
  call<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>>;
  onUpdate(listener: (batch: UpdateBatch) => void): () => void;
  /** Another pushed event: the progress of a data or backtest job. */
  onEvent<E extends Exclude<EventName, 'update'>>(event: E, listener: (payload: Events[E]) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  close(): void;
}

export function typedClient(t: Transport): TerminalClient {
  return {
    call: <K extends RequestName>(method: K, params: RequestParams<K>) => t.call(method, params) as Promise<RequestResult<K>>,
    onUpdate: (listener) =>
      t.onEvent((event, payload) => {
        if (event === 'update') listener(payload as UpdateBatch);
      }),
    onEvent: (name, listener) =>
      t.onEvent((event, payload) => {
        if (event === name) listener(payload as never);
      }),
    onConnection: (listener) => t.onState(listener),
    get connection() {
      return t.state;
    },
    close: () => t.close(),
  };
}

export function toClientError(e: unknown): ClientError {
  if (e instanceof ClientError) return e;
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) return ClientError.of(e as ApiErrorBody);
  return new ClientError('FAILED', e instanceof Error ? e.message : String(e));
}
