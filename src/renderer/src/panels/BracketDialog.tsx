import { useState } from 'react';
import type { Position } from '../../../shared/model/types';
import { useServices, useT } from '../app/context';
import { FormDialog } from '../common/FormDialog';
import { fmtAvgPrice, fmtPrice } from '../i18n/format';
import { closableOf } from './position-actions';

/**
 * 止盈止损 on a position: a stop-loss and a take-profit price (either may be left empty); the engine closes the
 * position's closable lots at the market when the last price reaches one, and cancels the other.
 */
export function BracketDialog({ position: p, code, tick, onClose }: { readonly position: Position; readonly code: string; readonly tick: number | undefined; readonly onClose: () => void }) {
  const svc = useServices();
  const t = useT();
  const [stopLoss, setStopLoss] = useState('');
  const [takeProfit, setTakeProfit] = useState('');
  const last = svc.stores.market.getState().ticks[p.symbol]?.last ?? p.lastPrice;
  const long = p.direction === 'long';
  const price = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
  const send = async (): Promise<void> => {
    const sl = price(stopLoss);
    const tp = price(takeProfit);
    await svc.client.call('position.bracket', {
      symbol: p.symbol,
      direction: p.direction,
      ...(sl !== undefined ? { stopLoss: sl } : {}),
      ...(tp !== undefined ? { takeProfit: tp } : {}),
    });
    svc.notify('success', { key: 'bracket.placed', params: { symbol: code } });
  };
  return (
    <FormDialog
      title={t('bracket.title', { symbol: code, dir: t(`dir.${p.direction}`) })}
      submit={t('bracket.submit')}
      canSubmit={stopLoss.trim() !== '' || takeProfit.trim() !== ''}
      send={send}
      onClose={onClose}
    >
      <p className="muted">{t('bracket.held', { lots: closableOf(p), avg: fmtAvgPrice(p.avgOpenPrice, tick), last: fmtPrice(last, tick) })}</p>
      <div className="form-grid">
        <label htmlFor="bracket-sl">{t('bracket.stopLoss')}</label>
        <input id="bracket-sl" type="text" inputMode="decimal" className="num" value={stopLoss} placeholder={t(long ? 'bracket.below' : 'bracket.above', { last: fmtPrice(last, tick) })} onChange={(e) => setStopLoss(e.target.value)} />
        <label htmlFor="bracket-tp">{t('bracket.takeProfit')}</label>
        <input id="bracket-tp" type="text" inputMode="decimal" className="num" value={takeProfit} placeholder={t(long ? 'bracket.above' : 'bracket.below', { last: fmtPrice(last, tick) })} onChange={(e) => setTakeProfit(e.target.value)} />
      </div>
      <p className="muted">{t('bracket.note')}</p>
    </FormDialog>
  );
}
