import type { Tick } from '../../../shared/model/types';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { contractName, fmtInt, fmtPrice, trendClass } from '../i18n/format';

const LEVELS = 5;

interface Level {
  readonly price: number | undefined;
  readonly volume: number | undefined;
}

/** The five levels of each side: level 1 from the tick's bid/ask, levels 2 to 5 where the feed has them. */
export function depthLevels(tick: Tick | undefined, side: 'bid' | 'ask'): Level[] {
  const out: Level[] = [];
  if (tick === undefined) return Array.from({ length: LEVELS }, () => ({ price: undefined, volume: undefined }));
  const prices = side === 'bid' ? tick.bids : tick.asks;
  const vols = side === 'bid' ? tick.bidVolumes : tick.askVolumes;
  out.push({ price: side === 'bid' ? tick.bid : tick.ask, volume: side === 'bid' ? tick.bidVolume : tick.askVolume });
  for (let i = 0; i < LEVELS - 1; i++) out.push({ price: prices?.[i], volume: vols?.[i] });
  return out;
}

/** 五档: click a price to put it in the ticket as a limit price. */
export function DepthLadder() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const symbol = useSlice(svc.selection, (s) => s.symbol);
  const tick = useSlice(svc.stores.market, (s) => (symbol === undefined ? undefined : s.ticks[symbol]));
  const contract = useSlice(svc.stores.market, (s) => (symbol === undefined ? undefined : s.contracts[symbol]));
  if (symbol === undefined) return <div className="panel empty-note">{t('depth.noContract')}</div>;
  const asks = depthLevels(tick, 'ask');
  const bids = depthLevels(tick, 'bid');
  const deep = tick?.asks !== undefined && tick.asks.length > 0;
  const maxVol = Math.max(1, ...asks.map((l) => l.volume ?? 0), ...bids.map((l) => l.volume ?? 0));
  const fill = (price: number | undefined, side: 'buy' | 'sell'): void => {
    if (price === undefined || !(price > 0)) return;
    svc.selection.setState((s) => ({ ticketFill: { price, side, nonce: (s.ticketFill?.nonce ?? 0) + 1 } }));
  };
  const row = (l: Level, label: string, side: 'bid' | 'ask') => (
    <tr key={label} className={side}>
      <th scope="row">{label}</th>
      <td className={`num ${tick ? trendClass((l.price ?? 0) - tick.preSettlement) : ''}`}>
        {l.price !== undefined && l.price > 0 ? (
          <button
            type="button"
            className="price-btn"
            // Clicking the ask fills a buy (lift the offer), clicking the bid a sell.
            onClick={() => fill(l.price, side === 'ask' ? 'buy' : 'sell')}
            aria-label={`${label} ${fmtPrice(l.price, contract?.priceTick)}`}
          >
            {fmtPrice(l.price, contract?.priceTick)}
          </button>
        ) : (
          '—'
        )}
      </td>
      <td className="num vol">
        <span className="bar" style={{ width: `${((l.volume ?? 0) / maxVol) * 100}%` }} />
        <span className="v">{l.volume !== undefined && l.price !== undefined && l.price > 0 ? fmtInt(l.volume) : ''}</span>
      </td>
    </tr>
  );
  return (
    <div className="panel panel-depth">
      <div className="depth-head">
        <span className="mono strong">{contract?.code ?? symbol}</span>
        <span className="muted">{contractName(contract, lang)}</span>
        {!deep && <span className="depth-note muted">{t('depth.oneLevel')}</span>}
        <span className={`strong num ${tick ? trendClass(tick.last - tick.preSettlement) : ''}`}>{fmtPrice(tick?.last, contract?.priceTick)}</span>
      </div>
      <table className="depth" aria-label={`${t('panel.depth')} ${contract?.code ?? symbol}`} title={t('depth.hint')}>
        <tbody>
          {asks
            .map((l, i) => row(l, t('depth.ask', { n: i + 1 }), 'ask'))
            .reverse()}
          {bids.map((l, i) => row(l, t('depth.bid', { n: i + 1 }), 'bid'))}
        </tbody>
      </table>
    </div>
  );
}
