import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { OrderEstimate } from '../../../shared/ipc/trading';
import type { RequestOffset, Side } from '../../../shared/model/enums';
import { formatPrice } from '../../../shared/model/price';
import { triggersAbove } from '../../../shared/model/stop-orders';
import { formatShanghai } from '../../../shared/model/time';
import type { Contract } from '../../../shared/model/types';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { toClientError } from '../client/client';
import { orderStatusText } from '../../../shared/i18n/reasons';
import { errorText } from '../i18n/error-text';
import { contractName, fmtMoney, fmtPrice } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { ContractPicker } from '../panels/ContractPicker';
import { PRICE_KINDS, TIFS, priceFor, resolveOrder, resolvePark, resolveStop, stepPrice, type PriceKind, type Tif, type StopParams } from './ticket-model';

const OFFSETS: readonly RequestOffset[] = ['open', 'close', 'closeToday', 'closeYesterday', 'auto'];

interface Quick {
  readonly id: 'buyOpen' | 'sellOpen' | 'closeLong' | 'closeShort';
  readonly key: string;
  readonly side: Side;
  readonly open: boolean;
  readonly label: MessageKey;
}
const QUICK: readonly Quick[] = [
  { id: 'buyOpen', key: 'F1', side: 'buy', open: true, label: 'btn.buyOpen' },
  { id: 'sellOpen', key: 'F2', side: 'sell', open: true, label: 'btn.sellOpen' },
  { id: 'closeLong', key: 'F3', side: 'sell', open: false, label: 'btn.closeLong' },
  { id: 'closeShort', key: 'F4', side: 'buy', open: false, label: 'btn.closeShort' },
];

/** 下单板: contract, side, offset, price type, condition and lots; 买开/卖开/平多/平空 with F1 to F4. */
export function OrderTicket() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const uid = useId();
  const selected = useSlice(svc.selection, (s) => s.symbol);
  const fillReq = useSlice(svc.selection, (s) => s.ticketFill);
  const confirmOrders = useSlice(svc.settings, (s) => s.confirmOrders);

  const [symbol, setSymbol] = useState<string>(selected ?? '');
  const [side, setSide] = useState<Side>('buy');
  const [offset, setOffset] = useState<RequestOffset>('open');
  const [priceKind, setPriceKind] = useState<PriceKind>('limit');
  const [limitPrice, setLimitPrice] = useState('');
  const [overTicks, setOverTicks] = useState('2');
  const [tif, setTif] = useState<Tif>('gfd');
  // The ticket's order held by the engine instead of sent: as a 条件单 for a price, or a 预埋单 for the open.
  const [hold, setHold] = useState<'stop' | 'park' | undefined>(undefined);
  const stopOn = hold === 'stop';
  const parkOn = hold === 'park';
  const [trigger, setTrigger] = useState('');
  /** Which way the price reaches the trigger, once the trader picks one; until then the stop's own (buy ≥, sell ≤). */
  const [when, setWhen] = useState<'above' | 'below' | undefined>(undefined);
  const [volume, setVolume] = useState('1');
  const [problem, setProblem] = useState<{ key: MessageKey; params?: Record<string, string | number> } | undefined>();
  const [lastOrderIds, setLastOrderIds] = useState<readonly string[]>([]);
  const [estimate, setEstimate] = useState<OrderEstimate | undefined>();
  const [estimateError, setEstimateError] = useState<ApiErrorBody | undefined>();
  const sending = useRef(false);

  const contract: Contract | undefined = useSlice(svc.stores.market, (s) => s.contracts[symbol]);
  const tick = useSlice(svc.stores.market, (s) => s.ticks[symbol]);
  const tickSize = contract?.priceTick;

  // A contract picked in the quotes takes over the ticket, with its last price as the limit price.
  useEffect(() => {
    if (selected === undefined) return;
    setSymbol(selected);
    const last = svc.stores.market.getState().ticks[selected]?.last;
    const c = svc.stores.market.getState().contracts[selected];
    setLimitPrice(last !== undefined && last > 0 ? formatPrice(last, c?.priceTick ?? 1) : '');
    setProblem(undefined);
  }, [selected, svc]);

  // A price clicked on the ladder: a limit order at that price, on the side that takes it. A position's 止损: a stop
  // at the market closing its lots.
  useEffect(() => {
    if (fillReq === undefined) return;
    const tickSizeNow = svc.stores.market.getState().contracts[svc.selection.getState().symbol ?? '']?.priceTick ?? 0.01;
    if ('stop' in fillReq) {
      setSide(fillReq.stop.side);
      setOffset('close');
      setVolume(String(fillReq.stop.volume));
      setPriceKind('market');
      setHold('stop');
      setTrigger(formatPrice(fillReq.stop.trigger, tickSizeNow));
    } else {
      setPriceKind('limit');
      setLimitPrice(formatPrice(fillReq.price, tickSizeNow));
      if (fillReq.side !== undefined) setSide(fillReq.side);
    }
    setProblem(undefined);
  }, [fillReq, svc]);

  const priceNow = (s: Side): number | undefined => priceFor(priceKind, s, tick, contract, limitPrice, Number(overTicks) || 0);
  const estPrice = priceKind === 'market' ? (side === 'buy' ? tick?.ask : tick?.bid) : priceNow(side);
  const estVolume = /^\s*\d+\s*$/.test(volume) ? Number(volume) : 1;
  // How a stop reads: when the last price reaches its trigger (≥ for a buy, ≤ for a sell).
  const stopWords = (req: StopParams): { cmp: string; trigger: string } => ({ cmp: triggersAbove(req) ? '≥' : '≤', trigger: fmtPrice(req.triggerPrice, tickSize) });

  // 可开 / 可平 / margin: asked again when the inputs change and every two seconds (the account moves).
  useEffect(() => {
    if (!symbol) {
      setEstimate(undefined);
      return;
    }
    let alive = true;
    const ask = (): void => {
      svc.client.call('order.estimate', { symbol, side, price: estPrice !== undefined && estPrice > 0 ? estPrice : 0, volume: Math.max(0, estVolume) }).then(
        (r) => {
          if (!alive) return;
          setEstimate(r);
          setEstimateError(undefined);
        },
        (e: unknown) => {
          if (!alive) return;
          setEstimate(undefined);
          setEstimateError(toClientError(e));
        },
      );
    };
    const first = setTimeout(ask, 150);
    const every = setInterval(ask, 2000);
    return () => {
      alive = false;
      clearTimeout(first);
      clearInterval(every);
    };
  }, [symbol, side, estPrice, estVolume, svc]);

  const send = useCallback(
    async (s: Side, o: RequestOffset) => {
      if (sending.current) return;
      const input = { symbol, side: s, offset: o, priceKind, limitPrice, overTicks, tif, volume };
      // One path for the three: an order now, a 条件单 for a price, a 预埋单 for the session's open.
      const r = parkOn
        ? ({ kind: 'park', ...resolvePark(input, tick, contract) } as const)
        : stopOn
          ? ({ kind: 'stop', ...resolveStop(input, trigger, tick, contract, when) } as const)
          : ({ kind: 'order', ...resolveOrder(input, tick, contract) } as const);
      if (!r.ok) {
        setProblem({ key: r.error, ...(r.params ? { params: r.params } : {}) });
        return;
      }
      setProblem(undefined);
      const req = r.req;
      // The price it trades at: none for an order at the market.
      const limit = r.kind === 'order' ? (r.req.type === 'market' ? undefined : r.req.price) : r.req.limitPrice;
      const words = {
        side: t(`side.${req.side}`),
        offset: t(`offset.${req.offset}`),
        symbol: contract?.code ?? req.symbol,
        volume: req.volume,
        price: limit === undefined ? t('ticket.marketPrice') : fmtPrice(limit, tickSize),
      };
      const lines =
        r.kind === 'stop'
          ? [t('ticket.stopSummary', { ...words, ...stopWords(r.req) })]
          : r.kind === 'park'
            ? [t('ticket.parkSummary', words)]
            : [t('ticket.summary', words), `${t('ticket.tif')}: ${t(`type.${r.req.type}`)}`];
      if (svc.settings.getState().confirmOrders && !(await svc.ask(t('confirm.orderTitle'), lines))) return;
      sending.current = true;
      try {
        if (r.kind === 'stop') {
          const placed = await svc.client.call('stopOrder.send', r.req).catch((e: unknown) => svc.failed('what.order', e));
          if (placed) svc.notify('success', { key: 'ticket.stopPlaced', params: { ...words, ...stopWords(r.req), id: placed.id } });
        } else if (r.kind === 'park') {
          const placed = await svc.client.call('order.park', r.req).catch((e: unknown) => svc.failed('what.order', e));
          if (placed) svc.notify('success', { key: 'ticket.parked', params: { ...words, id: placed.id, time: formatShanghai(placed.openAt ?? 0, false) } });
        } else {
          const orders = await svc.sendOrder(r.req);
          if (orders) setLastOrderIds(orders.map((x) => x.id));
        }
      } finally {
        sending.current = false;
      }
    },
    // stopWords reads tickSize, a dependency already.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [symbol, priceKind, limitPrice, overTicks, tif, volume, hold, trigger, when, tick, contract, tickSize, svc, t],
  );

  const quick = useCallback(
    (q: Quick) => {
      const closeFlavour = offset === 'closeToday' || offset === 'closeYesterday' ? offset : 'close';
      setSide(q.side);
      void send(q.side, q.open ? 'open' : closeFlavour);
    },
    [offset, send],
  );

  // F1 to F4 work anywhere in the window (they type nothing), unless the confirmation dialog is open.
  const quickRef = useRef(quick);
  useEffect(() => {
    quickRef.current = quick;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const q = QUICK.find((x) => x.key === e.key);
      if (q === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      if (svc.confirm.getState().request !== undefined) return;
      e.preventDefault();
      quickRef.current(q);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [svc]);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void send(side, offset);
  };

  const onPick = (c: Contract): void => {
    setSymbol(c.symbol);
    svc.select(c.symbol);
  };

  // Prices step by the contract's tick, from the last price when nothing valid is typed.
  const stepTick = (p: string, dir: 1 | -1): string => stepPrice(p, dir, contract, tick?.last);
  const tickLabels = (what: string): readonly [string, string] => [`${what} ${t('ticket.priceDown')}`, `${what} ${t('ticket.priceUp')}`];

  const marketNote = priceKind === 'market' && contract !== undefined && !contract.marketOrderAllowed;
  const closableLine = estimate ? t('ticket.closable', { n: estimate.closable, t: estimate.closableToday, y: estimate.closableYd }) : '';

  // One box each; ticking one unticks the other.
  const holdBox = (kind: 'stop' | 'park', onTicked?: () => void) => (
    <>
      <label htmlFor={`${uid}-${kind}`}>{t(kind === 'stop' ? 'ticket.stop' : 'ticket.park')}</label>
      <input
        id={`${uid}-${kind}`}
        type="checkbox"
        checked={hold === kind}
        onChange={(e) => {
          setHold(e.target.checked ? kind : undefined);
          if (e.target.checked) onTicked?.();
        }}
      />
    </>
  );

  return (
    <form className="panel ticket" onSubmit={onSubmit} aria-label={t('panel.ticket')}>
      <div className="t-row">
        <label htmlFor={`${uid}-sym`}>{t('ticket.contract')}</label>
        <ContractPicker
          id={`${uid}-sym`}
          label={t('ticket.contract')}
          value={contract?.code ?? symbol.split('.').pop() ?? symbol}
          keepText
          onPick={onPick}
          onUnmatched={(text) => setSymbol(text)}
        />
        <span className="muted t-name">{contractName(contract, lang)}</span>
      </div>

      <Segmented label={t('ticket.side')} name={`${uid}-side`} value={side} options={['buy', 'sell'] as const} text={(v) => t(`side.${v}`)} onChange={setSide} cls={(v) => (v === 'buy' ? 'buy' : 'sell')} />
      <Segmented label={t('ticket.offset')} name={`${uid}-offset`} value={offset} options={OFFSETS} text={(v) => t(`offset.${v}`)} onChange={setOffset} />

      <div className="t-row">
        <label htmlFor={`${uid}-pk`}>{t('ticket.priceType')}</label>
        <select id={`${uid}-pk`} value={priceKind} onChange={(e) => setPriceKind(e.target.value as PriceKind)}>
          {PRICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`pt.${k}`)}
            </option>
          ))}
        </select>
        {priceKind === 'limit' ? (
          <Stepper id={`${uid}-price`} label={t('ticket.price')} value={limitPrice} onChange={setLimitPrice} step={stepTick} stepLabels={tickLabels(t('ticket.price'))} />
        ) : (
          <output id={`${uid}-price`} aria-label={t('ticket.price')} className="num live-price">
            {priceKind === 'market' ? t('pt.market') : fmtPrice(priceNow(side), tickSize)}
          </output>
        )}
        {priceKind === 'over' && (
          <input
            id={`${uid}-over`}
            aria-label={t('ticket.overTicks')}
            title={t('ticket.overTicks')}
            className="num short"
            inputMode="numeric"
            value={overTicks}
            onChange={(e) => setOverTicks(e.target.value)}
          />
        )}
      </div>
      {marketNote && <div className="t-note">{t('ticket.marketEmulated', { exchange: contract.exchange })}</div>}
      {estimate !== undefined && !estimate.trading && !parkOn && (
        <div className="t-note" data-testid="ticket-closed">
          {estimate.nextOpen !== undefined ? t('ticket.closedUntil', { time: formatShanghai(estimate.nextOpen, false) }) : t('ticket.closed')}
        </div>
      )}

      <div className="t-row">
        {holdBox('stop', () => {
          // A trigger to start from: the last price, stepped from there with the arrows.
          if (trigger === '' && tick !== undefined && tick.last > 0) setTrigger(formatPrice(tick.last, tickSize ?? 1));
        })}
        {stopOn && (
          <>
            <Stepper id={`${uid}-trigger`} label={t('ticket.trigger')} value={trigger} onChange={setTrigger} step={stepTick} stepLabels={tickLabels(t('ticket.trigger'))} />
            <select
              aria-label={t('ticket.stopCondition')}
              title={t('ticket.stopWhen', { cmp: (when ?? (side === 'buy' ? 'above' : 'below')) === 'above' ? '≥' : '≤' })}
              value={when ?? (side === 'buy' ? 'above' : 'below')}
              onChange={(e) => setWhen(e.target.value === 'above' ? 'above' : 'below')}
            >
              <option value="above">{t('ticket.stopCmp', { cmp: '≥' })}</option>
              <option value="below">{t('ticket.stopCmp', { cmp: '≤' })}</option>
            </select>
          </>
        )}
      </div>

      <div className="t-row">
        {holdBox('park')}
        {parkOn && <span className="muted">{t('ticket.parkHint')}</span>}
      </div>

      <Segmented label={t('ticket.tif')} name={`${uid}-tif`} value={tif} options={TIFS} text={(v) => t(`tif.${v}`)} onChange={setTif} disabled={priceKind === 'market' || hold !== undefined} />

      <div className="t-row">
        <label htmlFor={`${uid}-vol`}>{t('ticket.volume')}</label>
        <Stepper
          id={`${uid}-vol`}
          label={t('ticket.volume')}
          value={volume}
          onChange={setVolume}
          step={(v, dir) => String(Math.max(1, (Number(v) || 0) + dir))}
          numeric
          stepLabels={[t('ticket.volDown'), t('ticket.volUp')]}
        />
        <span className="hints" aria-live="polite">
          <span data-testid="ticket-max-open">{estimate ? t('ticket.maxOpen', { n: estimate.maxOpen }) : ''}</span>
          <span data-testid="ticket-closable">{closableLine}</span>
        </span>
      </div>
      <div className="t-hints muted" aria-live="polite">
        <span data-testid="ticket-margin">{estimate ? t('ticket.margin', { m: fmtMoney(estimate.margin) }) : ''}</span>
        <span>{estimate ? t('ticket.commission', { c: fmtMoney(estimate.commission) }) : ''}</span>
        {estimateError !== undefined && symbol !== '' && <span className="down">{errorText(estimateError, lang)}</span>}
      </div>

      <div className="quick">
        {QUICK.map((q) => {
          const p = priceKind === 'market' ? undefined : priceNow(q.side);
          return (
            <button key={q.id} type="button" className={`quick-btn ${q.side}`} onClick={() => quick(q)} aria-keyshortcuts={q.key} data-testid={`quick-${q.id}`}>
              <span className="q-label">{t(q.label)}</span>
              <span className="q-price num">{priceKind === 'market' ? t('pt.market') : fmtPrice(p, tickSize)}</span>
              <kbd>{q.key}</kbd>
            </button>
          );
        })}
      </div>
      <button type="submit" className={`submit ${side}`} aria-keyshortcuts="Enter">
        {t(parkOn ? 'ticket.submitPark' : stopOn ? 'ticket.submitStop' : 'ticket.submit', { side: t(`side.${side}`), offset: t(`offset.${offset}`) })}
      </button>

      <label className="check">
        <input type="checkbox" checked={confirmOrders} onChange={(e) => void svc.saveSettings({ confirmOrders: e.target.checked })} />
        {t('ticket.confirm')}
      </label>
      {problem !== undefined && (
        <div className="t-problem down" role="alert">
          {t(problem.key, problem.params?.['kind'] !== undefined ? { ...problem.params, kind: t(`pt.${problem.params['kind'] as PriceKind}`) } : problem.params)}
        </div>
      )}
      <LastResult ids={lastOrderIds} />
      <div className="t-keys muted">{t('ticket.hotkeys')}</div>
    </form>
  );
}

/** The fate of the last order sent from the ticket, followed live: 已报, 全部成交, or the reason it was refused. */
function LastResult({ ids }: { ids: readonly string[] }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  useSlice(svc.stores.orders, (s) => s.version);
  if (ids.length === 0) return null;
  const orders = ids.map((id) => svc.stores.orders.getState().byId.get(id)).filter((o) => o !== undefined);
  return (
    <div className="t-result" data-testid="ticket-result" aria-live="polite">
      {orders.map((o) => (
        <div key={o.id} className={o.status === 'rejected' ? 'down' : o.status === 'filled' ? 'ok' : ''}>
          {t('ticket.result', { id: o.id, side: t(`side.${o.side}`), offset: t(`offset.${o.offset}`), volume: o.volume, status: t(`status.${o.status}`) })}
          {o.status === 'rejected' || o.status === 'cancelled' ? ` · ${orderStatusText(o, lang)}` : ''}
        </div>
      ))}
    </div>
  );
}

interface StepperProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  /** The value one step up (+1) or down (-1) from `v`. */
  readonly step: (v: string, dir: 1 | -1) => string;
  readonly numeric?: boolean;
  /** The − and + buttons' names. */
  readonly stepLabels: readonly [string, string];
}

/** A number as typed, one step up or down with ↑/↓ or the − and + buttons (which the Tab key passes over). */
function Stepper({ id, label, value, onChange, step, numeric, stepLabels }: StepperProps) {
  const go = (dir: 1 | -1): void => onChange(step(value, dir));
  return (
    <span className="stepper">
      <input
        id={id}
        aria-label={label}
        className="num"
        inputMode={numeric ? 'numeric' : 'decimal'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            go(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
      />
      <button type="button" tabIndex={-1} aria-label={stepLabels[0]} onClick={() => go(-1)}>
        −
      </button>
      <button type="button" tabIndex={-1} aria-label={stepLabels[1]} onClick={() => go(1)}>
        +
      </button>
    </span>
  );
}

interface SegProps<V extends string> {
  readonly label: string;
  readonly name: string;
  readonly value: V;
  readonly options: readonly V[];
  readonly text: (v: V) => string;
  readonly onChange: (v: V) => void;
  readonly cls?: (v: V) => string;
  readonly disabled?: boolean;
}

/** A radio group drawn as segmented buttons: arrows move within it, Tab leaves it. */
function Segmented<V extends string>({ label, name, value, options, text, onChange, cls, disabled }: SegProps<V>) {
  return (
    <fieldset className="t-row seg" disabled={disabled}>
      <legend>{label}</legend>
      <div className="seg-options">
        {options.map((o) => (
          <label key={o} className={`seg-opt ${o === value ? 'on' : ''} ${cls?.(o) ?? ''}`}>
            <input type="radio" name={name} value={o} checked={o === value} onChange={() => onChange(o)} />
            {text(o)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
