/**
 * The module strategy files import as "@qihuo/strategy": the Strategy base class and its helpers. Only this module
 * is importable from a strategy file.
 */
export { Strategy } from './strategy';
export type { ActionOptions, Bilingual, ParamSpec, Params, ParamValue, StrategyMeta } from './strategy';
export type { Account, Bar, Contract, Order, Position, Tick, Trade } from '../../shared/model/types';
export * from './indicators';
export { BarGenerator, SessionGrid, type BarGeneratorOptions } from './bar-generator';
export { copyBar, copyTick } from '../data/row-views';
export { ceilToTick, floorToTick, roundToTick } from '../../shared/model/price';
export { formatShanghai, shanghaiMinuteOfDay } from '../../shared/model/time';
