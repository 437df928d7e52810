import type { ApiService } from '../../src/main/api/service';
import type { UpdateBatch } from '../../src/shared/ipc/contract';
import type { ConnectionState, TerminalClient } from '../../src/renderer/src/client/client';
import { toClientError } from '../../src/renderer/src/client/client';

/**
 * The renderer's client interface over the real ApiService in this process (the same object the WebSocket server
 * and the Electron IPC bridge call), with two handles a test needs: answers can be held back, and the link state
 * can be set, so the order in which a snapshot and batches arrive is chosen by the test.
 */
export interface TestClient extends TerminalClient {
  deliver(batch: UpdateBatch): void;
  setConnection(status: ConnectionState['status']): void;
  holdAnswers(): () => void;
}

export function inProcessClient(api: ApiService): TestClient {
  const updates = new Set<(b: UpdateBatch) => void>();
  const events = new Set<(event: string, payload: unknown) => void>();
  api.subscribe((event, payload) => {
    if (event !== 'update') for (const l of events) l(event, payload);
  });
  const states = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, transport: 'ipc' };
  let gate: Promise<void> | undefined;
  return {
    async call(method, params) {
      let result: unknown;
      try {
        result = await api.call(method, params);
      } catch (e) {
        throw toClientError(e);
      }
      if (gate !== undefined) await gate;
      return result as never;
    },
    onUpdate(l) {
      updates.add(l);
      return () => updates.delete(l);
    },
    onEvent(name, l) {
      const listener = (event: string, payload: unknown): void => {
        if (event === name) l(payload as never);
      };
      events.add(listener);
      return () => events.delete(listener);
    },
    onConnection(l) {
      states.add(l);
      l(state);
      return () => states.delete(l);
    },
    get connection() {
      return state;
    },
    close() {},
    deliver(batch) {
      for (const l of updates) l(batch);
    },
    setConnection(status) {
      state = { status, attempt: 0, transport: 'ipc' };
      for (const l of states) l(state);
    },
    holdAnswers() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}
