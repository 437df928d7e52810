import type { Lang } from '../../shared/ipc/settings';
import { orderStatusText } from '../../shared/i18n/reasons';
import type { Offset, Side } from '../../shared/model/enums';
import { formatDay, formatShanghai } from '../../shared/model/time';
import type { AlertEvent } from './alert-event';

/**
 * Alert texts: one title line a phone's notification can show whole, and one line of detail. Chinese first, English
 * for channels set to it. Times are Shanghai exchange time.
 */
export interface RenderedAlert {
  readonly title: string;
  readonly detail: string;
}

/** Every message starts with it, so a DingTalk robot secured by a keyword (自定义关键词) can use 期货提醒. */
export const ALERT_HEADER: Readonly<Record<Lang, string>> = { zh: '【期货提醒】', en: '[Futures alert] ' };

const SIDE: Readonly<Record<Lang, Readonly<Record<Side, string>>>> = {
  zh: { buy: '买', sell: '卖' },
  en: { buy: 'Buy', sell: 'Sell' },
};
const OFFSET: Readonly<Record<Lang, Readonly<Record<Offset, string>>>> = {
  zh: { open: '开', close: '平', closeToday: '平今', closeYesterday: '平昨' },
  en: { open: 'Open', close: 'Close', closeToday: 'Close Today', closeYesterday: 'Close Yesterday' },
};

const T = {
  zh: {
    fill: '成交',
    rejected: '废单',
    risk: '风控拒单',
    strategyError: '策略出错',
    outage: '交易通道断开',
    failed: '交易通道连接失败',
    recovered: '交易通道已恢复',
    settlement: '日结',
    test: '测试消息',
    lots: '手',
    commission: '手续费',
    closeProfit: '平仓盈亏',
    source: '来源',
    manual: '手动',
    reason: '原因',
    market: '市价',
    balance: '权益',
    netPnl: '当日盈亏',
    positionProfit: '持仓盈亏',
    trades: '成交',
    tradesUnit: '笔',
    drawdown: '回撤',
    testOk: '通道配置正确',
    more: (n: number) => `${n} 条`,
    dropped: (n: number) => `（另有 ${n} 条提醒因超过发送频率限制未发送）`,
    sep: ' · ',
  },
  en: {
    fill: 'Fill',
    rejected: 'Rejected',
    risk: 'Risk refusal',
    strategyError: 'Strategy error',
    outage: 'Gateway disconnected',
    failed: 'Gateway connection failed',
    recovered: 'Gateway reconnected',
    settlement: 'Settlement',
    test: 'Test message',
    lots: ' lots',
    commission: 'commission',
    closeProfit: 'close P&L',
    source: 'source',
    manual: 'manual',
    reason: 'reason',
    market: 'market',
    balance: 'equity',
    netPnl: 'day P&L',
    positionProfit: 'position P&L',
    trades: 'trades',
    tradesUnit: '',
    drawdown: 'drawdown',
    testOk: 'channel works',
    more: (n: number) => `${n} alerts`,
    dropped: (n: number) => `(${n} more alerts were not sent: over the rate limit)`,
    sep: ' · ',
  },
} as const;

function price(p: number): string {
  return String(Number(p.toFixed(6)));
}

function money(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function signed(x: number): string {
  const m = money(x);
  return x > 0 ? `+${m}` : m;
}

function sideOffset(lang: Lang, side: Side, offset: Offset): string {
  return lang === 'zh' ? `${SIDE.zh[side]}${OFFSET.zh[offset]}` : `${SIDE.en[side]} ${OFFSET.en[offset]}`;
}

function sourceText(lang: Lang, source: string): string {
  return source === 'manual' ? T[lang].manual : source;
}

export function renderAlert(e: AlertEvent, lang: Lang): RenderedAlert {
  const t = T[lang];
  const time = formatShanghai(e.time);
  const line = (...parts: string[]) => parts.join(t.sep);
  switch (e.type) {
    case 'fill': {
      const x = e.trade;
      const parts = [`${t.commission} ${money(x.commission)}`];
      if (x.closeProfit !== 0) parts.push(`${t.closeProfit} ${signed(x.closeProfit)}`);
      parts.push(`${t.source} ${sourceText(lang, x.source)}`, time);
      return { title: `${t.fill} ${x.symbol} ${sideOffset(lang, x.side, x.offset)} ${x.volume}${t.lots} @${price(x.price)}`, detail: line(...parts) };
    }
    case 'rejected':
    case 'risk': {
      const o = e.order;
      const at = o.type === 'market' ? t.market : `@${price(o.price)}`;
      return {
        title: `${t[e.type]} ${o.symbol} ${sideOffset(lang, o.side, o.offset)} ${o.volume}${t.lots} ${at}`,
        detail: line(`${t.reason} ${orderStatusText(o, lang)}`, `${t.source} ${sourceText(lang, o.source)}`, time),
      };
    }
    case 'strategyError':
      return { title: `${t.strategyError} ${e.strategy}`, detail: line(e.message, time) };
    case 'gateway': {
      const what = e.recovered ? t.recovered : e.state === 'error' ? t.failed : t.outage;
      return { title: `${what} ${e.gateway}`, detail: e.message ? line(e.message, time) : time };
    }
    case 'settlement': {
      const p = e.performance;
      const pct = `${p.dailyReturn >= 0 ? '+' : ''}${(p.dailyReturn * 100).toFixed(2)}%`;
      const parts = [
        `${t.netPnl} ${signed(p.netPnl)} (${pct})`,
        `${t.closeProfit} ${signed(p.closeProfit)}`,
        `${t.positionProfit} ${signed(p.positionProfit)}`,
        `${t.commission} ${money(p.commission)}`,
        `${t.trades} ${p.tradeCount}${t.tradesUnit}`,
      ];
      if (p.drawdown > 0) parts.push(`${t.drawdown} ${money(p.drawdown)}`);
      return { title: `${t.settlement} ${formatDay(p.tradingDay)} ${t.balance} ${money(p.balance)}`, detail: line(...parts) };
    }
    case 'test':
      return { title: `${t.test} ${e.channel}`, detail: line(t.testOk, time) };
  }
}

/** What one send carries: one alert, or several merged when they come faster than the vendor lets a robot post. */
export interface AlertBatch {
  readonly events: readonly AlertEvent[];
  /** Alerts dropped before this batch because the queue overflowed. */
  readonly dropped: number;
}

/** The first line of a message: the alert's title, or a count of the merged ones. */
export function batchTitle(batch: AlertBatch, lang: Lang): string {
  const header = ALERT_HEADER[lang];
  const first = batch.events[0];
  if (batch.events.length === 1 && first !== undefined) return `${header}${renderAlert(first, lang).title}`;
  return `${header}${T[lang].more(batch.events.length)}`;
}

/** Plain text (Feishu text messages). */
export function batchText(batch: AlertBatch, lang: Lang): string {
  const lines = [batchTitle(batch, lang)];
  if (batch.events.length === 1) lines.push(renderAlert(batch.events[0]!, lang).detail);
  else
    batch.events.forEach((e, i) => {
      const r = renderAlert(e, lang);
      lines.push(`${i + 1}. ${r.title}`, `   ${r.detail}`);
    });
  if (batch.dropped > 0) lines.push(T[lang].dropped(batch.dropped));
  return lines.join('\n');
}

/** Markdown (DingTalk and WeCom). What came from outside (strategy names, error texts) is escaped. */
export function batchMarkdown(batch: AlertBatch, lang: Lang): string {
  const parts = [`**${escapeMarkdown(batchTitle(batch, lang))}**`];
  if (batch.events.length === 1) parts.push(escapeMarkdown(renderAlert(batch.events[0]!, lang).detail));
  else
    batch.events.forEach((e, i) => {
      const r = renderAlert(e, lang);
      parts.push(`${i + 1}. ${escapeMarkdown(r.title)}  \n${escapeMarkdown(r.detail)}`);
    });
  if (batch.dropped > 0) parts.push(T[lang].dropped(batch.dropped));
  return parts.join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#>|]/g, (c) => `\\${c}`);
}

/** The size of one alert in a merged message, to keep a batch under the vendor's message size limit. */
export function alertBytes(e: AlertEvent, lang: Lang): number {
  const r = renderAlert(e, lang);
  return Buffer.byteLength(r.title) + Buffer.byteLength(r.detail) + 16;
}

/** The generic webhook's JSON: the texts for people and the event's data for programs. */
export function batchJson(batch: AlertBatch, lang: Lang): unknown {
  return {
    app: 'qihuo-terminal',
    dropped: batch.dropped,
    events: batch.events.map((e) => {
      const r = renderAlert(e, lang);
      const { type, time, ...data } = e;
      return { type, time, timeText: formatShanghai(time), title: r.title, text: r.detail, data };
    }),
  };
}
