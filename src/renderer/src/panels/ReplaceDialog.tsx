import { useState } from 'react';
import type { Order } from '../../../shared/model/types';
import { useServices, useT } from '../app/context';
import { FormDialog } from '../common/FormDialog';
import { fmtPrice } from '../i18n/format';

/**
 * 改单: a working limit order at another price or for fewer lots. The engine cancels it and sends the new one once
 * the cancel is confirmed (exchanges change no order); the new order shows in 委托 beside the cancelled one.
 */
export function ReplaceDialog({ order: o, code, tick, onClose }: { readonly order: Order; readonly code: string; readonly tick: number | undefined; readonly onClose: () => void }) {
  const svc = useServices();
  const t = useT();
  const remaining = o.volume - o.traded;
  const [price, setPrice] = useState(fmtPrice(o.price, tick));
  const [lots, setLots] = useState(String(remaining));
  const send = async (): Promise<void> => {
    const volume = Number(lots);
    await svc.client.call('order.replace', { orderId: o.id, price: Number(price), ...(volume !== remaining ? { volume } : {}) });
    svc.notify('success', { key: 'replace.sent', params: { id: o.id } });
  };
  return (
    <FormDialog
      title={t('replace.title', { id: o.id, symbol: code, side: t(`side.${o.side}`), offset: t(`offset.${o.offset}`) })}
      submit={t('replace.submit')}
      canSubmit={price.trim() !== '' && lots.trim() !== ''}
      send={send}
      onClose={onClose}
    >
      <p className="muted">{t('replace.now', { price: fmtPrice(o.price, tick), remaining })}</p>
      <div className="form-grid">
        <label htmlFor="replace-price">{t('replace.price')}</label>
        <input id="replace-price" type="text" inputMode="decimal" className="num" value={price} onChange={(e) => setPrice(e.target.value)} />
        <label htmlFor="replace-lots">{t('replace.lots')}</label>
        <input id="replace-lots" type="text" inputMode="numeric" className="num" value={lots} onChange={(e) => setLots(e.target.value)} />
      </div>
      <p className="muted">{t('replace.note')}</p>
    </FormDialog>
  );
}
