/**
 * The engine's event bus: typed, in-process and synchronous. `emit` calls the handlers in the order they were
 * added, on the one JS thread: deterministic for backtests, microseconds for live. A handler that throws is reported
 * to the error sink and the other handlers still run.
 */
export type Handler<T> = (payload: T) => void;

export class EventBus<E extends object> {
  private readonly handlers: { [K in keyof E]?: Handler<E[K]>[] } = {};

  constructor(private readonly onHandlerError: (type: keyof E, error: unknown) => void = defaultErrorSink) {}

  on<K extends keyof E>(type: K, handler: Handler<E[K]>): () => void {
    const list = (this.handlers[type] ??= []);
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  hasHandlers(type: keyof E): boolean {
    return (this.handlers[type]?.length ?? 0) > 0;
  }

  /**
   * The live list of a type's handlers (it never changes identity): a hot path that must know whether anyone listens
   * keeps it and reads its length, instead of looking the type up on every event.
   */
  handlersOf<K extends keyof E>(type: K): readonly Handler<E[K]>[] {
    return (this.handlers[type] ??= []);
  }

  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const list = this.handlers[type];
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i]!(payload);
      } catch (e) {
        this.onHandlerError(type, e);
      }
    }
  }
}

function defaultErrorSink(type: PropertyKey, error: unknown): void {
  console.error(`event handler for "${String(type)}" threw:`, error);
}
