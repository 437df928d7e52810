import type { Offset } from '../../../shared/model/enums';
import { roundToTick } from '../../../shared/model/price';
import type { Contract, Order } from '../../../shared/model/types';
import {
  THOST_FTDC_CC_Immediately,
  THOST_FTDC_D_Buy,
  THOST_FTDC_D_Sell,
  THOST_FTDC_FCC_NotForceClose,
  THOST_FTDC_HF_Speculation,
  THOST_FTDC_OF_Close,
  THOST_FTDC_OF_CloseToday,
  THOST_FTDC_OF_CloseYesterday,
  THOST_FTDC_OF_Open,
  THOST_FTDC_OPT_AnyPrice,
  THOST_FTDC_OPT_LimitPrice,
  THOST_FTDC_TC_GFD,
  THOST_FTDC_TC_IOC,
  THOST_FTDC_VC_AV,
  THOST_FTDC_VC_CV,
  type CThostFtdcInputOrderField,
} from './ctp-api.gen';

/**
 * The engine's offsets as CTP's CombOffsetFlag. The engine has already split SHFE and INE closes into close-today and
 * close-yesterday (trading/offset.ts); a plain close goes to the other exchanges, which close yesterday's lots first.
 */
export const COMB_OFFSET_FLAG: Readonly<Record<Offset, string>> = {
  open: THOST_FTDC_OF_Open,
  close: THOST_FTDC_OF_Close,
  closeToday: THOST_FTDC_OF_CloseToday,
  closeYesterday: THOST_FTDC_OF_CloseYesterday,
};

/**
 * An order as ReqOrderInsert's fields. limit: a limit price good for the day (GFD); fak: limit, immediate-or-cancel
 * (IOC) for any volume; fok: IOC for the complete volume (CV); market: any price (AnyPrice), IOC. SHFE and INE take
 * no market orders: the engine sends those as fak at the limit price before they get here.
 */
export function inputOrderFields(
  order: Readonly<Order>,
  contract: Contract,
  ids: { readonly brokerId: string; readonly investorId: string; readonly orderRef: string },
): Partial<CThostFtdcInputOrderField> {
  const market = order.type === 'market';
  return {
    BrokerID: ids.brokerId,
    InvestorID: ids.investorId,
    UserID: ids.investorId,
    InstrumentID: contract.code,
    ExchangeID: contract.exchange,
    OrderRef: ids.orderRef,
    OrderPriceType: market ? THOST_FTDC_OPT_AnyPrice : THOST_FTDC_OPT_LimitPrice,
    Direction: order.side === 'buy' ? THOST_FTDC_D_Buy : THOST_FTDC_D_Sell,
    CombOffsetFlag: COMB_OFFSET_FLAG[order.offset],
    CombHedgeFlag: THOST_FTDC_HF_Speculation,
    LimitPrice: market ? 0 : roundToTick(order.price, contract.priceTick),
    VolumeTotalOriginal: order.volume,
    TimeCondition: order.type === 'limit' ? THOST_FTDC_TC_GFD : THOST_FTDC_TC_IOC,
    VolumeCondition: order.type === 'fok' ? THOST_FTDC_VC_CV : THOST_FTDC_VC_AV,
    MinVolume: 1,
    ContingentCondition: THOST_FTDC_CC_Immediately,
    StopPrice: 0,
    ForceCloseReason: THOST_FTDC_FCC_NotForceClose,
    IsAutoSuspend: 0,
    UserForceClose: 0,
    IsSwapOrder: 0,
  };
}
