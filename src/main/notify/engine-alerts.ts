import type { AlertEventKind } from '../../shared/ipc/alerts';
import type { GatewayState } from '../../shared/model/enums';
import type { GatewayStatus } from '../../shared/model/types';
import type { EventBus } from '../engine/bus';
import type { EngineEvents } from '../engine/trading-engine';
import { clip, rejectedOrder, rejectionKind, type AlertEvent } from './alert-event';

/** The source of the alert service's own log lines: never taken for a strategy's error (no alert about alerts). */
export const ALERT_LOG_SOURCE = 'alerts';

/** Log sources of the engine's own parts; any other source of an error line is a strategy instance's name. */
const SYSTEM_SOURCES: ReadonlySet<string> = new Set(['engine', 'oms', 'gateway', 'terminal', 'replay', 'risk', 'ctp', 'data', 'api', ALERT_LOG_SOURCE]);

export interface EngineAlertOptions {
  /** Whether anyone wants alerts of a kind now: the handlers return at once when not. */
  wanted(kind: AlertEventKind): boolean;
  emit(e: AlertEvent): void;
  /** Whether a log source is a strategy instance (default: any source that is not one of the engine's own parts). */
  readonly isStrategy?: ((source: string) => boolean) | undefined;
  /** Wall-clock time, for gateway changes, which carry none. */
  readonly now: () => number;
  /** The gateways' states when subscribing (engine.gatewayStatuses()): a drop of one already connected is noticed. */
  readonly gateways?: readonly GatewayStatus[] | undefined;
}

/**
 * Turns the engine's events into alerts. The handlers only copy what the alert needs and hand it on: no formatting,
 * no I/O, nothing that could slow the engine down.
 */
export function subscribeEngineAlerts(bus: EventBus<EngineEvents>, o: EngineAlertOptions): () => void {
  const isStrategy = o.isStrategy ?? ((source: string) => !SYSTEM_SOURCES.has(source));
  const gatewayState = new Map<string, GatewayState>((o.gateways ?? []).map((g) => [g.gateway, g.state]));
  const inOutage = new Set<string>();
  // An order is rejected once; the set guards against a gateway that reports it twice.
  let rejected = new Set<string>();

  // A drop shows as connected -> connecting (the CTP gateway reconnects by itself) or -> disconnected; a failed
  // connection as error. One alert per outage, however many steps the reconnection reports, and one when it is over.
  const onGateway = (s: GatewayStatus): void => {
    const last = gatewayState.get(s.gateway);
    gatewayState.set(s.gateway, s.state);
    let recovered: boolean;
    if (s.state === 'connected' && inOutage.has(s.gateway)) {
      inOutage.delete(s.gateway);
      recovered = true;
    } else if ((s.state === 'error' || last === 'connected') && s.state !== 'connected' && !inOutage.has(s.gateway)) {
      inOutage.add(s.gateway);
      recovered = false;
    } else return;
    if (o.wanted('gateway')) o.emit({ type: 'gateway', time: o.now(), gateway: s.gateway, state: s.state, message: clip(s.message), recovered });
  };

  const offs = [
    bus.on('trade', (trade) => {
      if (o.wanted('fill')) o.emit({ type: 'fill', time: trade.time, trade });
    }),
    bus.on('order', (order) => {
      if (order.status !== 'rejected') return;
      const kind = rejectionKind(order);
      if (!o.wanted(kind) || rejected.has(order.id)) return;
      if (rejected.size >= 10_000) rejected = new Set();
      rejected.add(order.id);
      o.emit({ type: kind, time: order.updatedAt, order: rejectedOrder(order) });
    }),
    bus.on('log', (entry) => {
      if (entry.level !== 'error' || entry.source === ALERT_LOG_SOURCE || !o.wanted('strategyError') || !isStrategy(entry.source)) return;
      o.emit({ type: 'strategyError', time: entry.time, strategy: entry.source, message: clip(entry.message) });
    }),
    bus.on('gateway', onGateway),
    bus.on('settlement', (performance) => {
      if (o.wanted('settlement')) o.emit({ type: 'settlement', time: o.now(), performance });
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
