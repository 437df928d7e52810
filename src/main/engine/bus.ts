/**
 * The engine's event bus: typed, in-process and synchronous. `emit` calls the handlers in the order they were
 * added, on the one JS thread: deterministic for backtests, microseconds for live. A handler that throws is reported
 * to the error sink and the other handlers still run.
 */
export type Handler<T> = (payload: T) => void;

export class EventBus<E extends object> {
  private readonly handlers: { [K in keyof E]?: Handler<E[K]>[] } = {};
  /** How deep in emits we are: lists are not spliced while an emit walks them. */
  private depth = 0;
  /** Handlers unsubscribed during an emit: skipped at once, taken out of their lists when the emits are done. */
  private readonly removed = new Set<Handler<never>>();

  constructor(private readonly onHandlerError: (type: keyof E, error: unknown) => void = defaultErrorSink) {}

  on<K extends keyof E>(type: K, handler: Handler<E[K]>): () => void {
    const list = (this.handlers[type] ??= []);
    list.push(handler);
    return () => {
      if (this.depth > 0) this.removed.add(handler as Handler<never>);
      else {
        const i = list.indexOf(handler);
        if (i >= 0) list.splice(i, 1);
      }
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

  /** Calls the handlers there were when it began; one added meanwhile hears the next emit, one removed hears no more. */
  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const list = this.handlers[type];
    if (list === undefined) return;
    const n = list.length;
    if (n === 0) return;
    if (n === 1) {
      // One handler (every event of a backtest): nothing else in the list to skip or to add, so no bookkeeping.
      try {
        list[0]!(payload);
      } catch (e) {
        this.onHandlerError(type, e);
      }
      return;
    }
    this.depth++;
    try {
      for (let i = 0; i < n; i++) {
        const h = list[i]!;
        if (this.removed.size > 0 && this.removed.has(h as Handler<never>)) continue;
        try {
          h(payload);
        } catch (e) {
          this.onHandlerError(type, e);
        }
      }
    } finally {
      if (--this.depth === 0 && this.removed.size > 0) this.sweep();
    }
  }

  private sweep(): void {
    for (const key of Object.keys(this.handlers) as (keyof E)[]) {
      const list = this.handlers[key]!;
      for (let i = list.length - 1; i >= 0; i--) if (this.removed.has(list[i] as Handler<never>)) list.splice(i, 1);
    }
    this.removed.clear();
  }
}

function defaultErrorSink(type: PropertyKey, error: unknown): void {
  console.error(`event handler for "${String(type)}" threw:`, error);
}
