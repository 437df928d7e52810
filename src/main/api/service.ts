import type { z } from 'zod';
import { ApiError } from '../../shared/ipc/define';
import { requests, type EventName, type Events, type RequestName, type RequestResult, type Requests } from '../../shared/ipc/contract';

export type Handler<K extends RequestName> = (
  params: z.output<Requests[K]['params']>,
) => RequestResult<K> | Promise<RequestResult<K>>;
export type HandlerMap = { [K in RequestName]: Handler<K> };
export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

/**
 * The one implementation of the IPC contract, whatever the transport (Electron IPC, WebSocket, tests): it validates
 * every request against the contract's schema, so a malformed request gets an error naming the field and never
 * reaches the engine, and it fans the engine's update batches out to every connected client.
 */
export class ApiService {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly handlers: HandlerMap) {}

  async call(method: string, params: unknown): Promise<unknown> {
    if (!Object.prototype.hasOwnProperty.call(requests, method)) {
      throw new ApiError('UNKNOWN_METHOD', `unknown request "${method}"`);
    }
    const name = method as RequestName;
    const schema = requests[name].params as z.ZodType;
    const parsed = schema.safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.');
      throw new ApiError('INVALID_PARAMS', `${method}: ${field ? `${field}: ` : ''}${issue.message}`, field || undefined);
    }
    const handler = this.handlers[name] as (p: unknown) => unknown;
    try {
      return await handler(parsed.data);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError('FAILED', `${method}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A client whose transport failed is dropped by its transport; the others still get the event.
      }
    }
  }
}
