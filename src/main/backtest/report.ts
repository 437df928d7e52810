import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { STATISTIC_LABELS, type BacktestResult, type BacktestStatistics } from '../../shared/ipc/backtest';
import { formatStatistic, monthlyReturns } from '../../shared/ipc/backtest-figures';
import { formatDay, formatShanghai } from '../../shared/model/time';

/**
 * Where echarts' minified build is: beside the built main bundle (the build copies it there, so a packaged app has
 * it), else in node_modules (development, tests, the CLI run from the repository).
 */
export function echartsPath(): string {
  for (const rel of ['./echarts.min.js', '../echarts.min.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(p)) return p;
  }
  return createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
}

let echartsSource: string | undefined;
function echarts(): string {
  return (echartsSource ??= fs.readFileSync(echartsPath(), 'utf8'));
}

/** JSON that can sit inside a <script> element: no "</script>" or "<!--" can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The offline report: ONE HTML file with echarts and the data inlined, no network, opens from file://. Equity and
 * drawdown, daily P&L, monthly returns, the price with every fill marked, the statistics, the round trips and the
 * fills. Chinese first, English beside it; profits red and losses green, as Chinese markets colour them.
 */
export function renderHtmlReport(result: BacktestResult): string {
  const s = result.settings;
  const title = `${result.strategy.name} ${s.symbols.join(' ')} ${s.period} ${formatDay(s.from)} ~ ${formatDay(s.to)}`;
  const stats = (Object.keys(STATISTIC_LABELS) as (keyof BacktestStatistics)[]).map((k) => ({
    key: k,
    zh: STATISTIC_LABELS[k].zh,
    en: STATISTIC_LABELS[k].en,
    text: formatStatistic(k, result.statistics[k]),
  }));
  const payload = {
    title,
    stats,
    daily: result.daily,
    monthly: monthlyReturns(result),
    prices: result.prices,
    trades: result.trades.map((t) => [t.time, t.symbol, t.side, t.offset, t.price, t.volume, t.commission, t.slippage, t.closeProfit, t.source]),
    tradeTimes: result.trades.map((t) => formatShanghai(t.time)),
    trips: result.roundTrips.map((r) => [
      r.symbol,
      r.direction,
      r.volume,
      formatShanghai(r.entryTime),
      r.entryPrice,
      formatShanghai(r.exitTime),
      r.exitPrice,
      r.pnl,
      r.commission,
      r.netPnl,
      r.mae,
      r.mfe,
      r.bars,
    ]),
    problems: result.problems.slice(0, 200).map((p) => `${formatShanghai(p.time)} ${p.level} ${p.source}: ${p.message}`),
  };
  const settingRows: [string, string][] = [
    ['策略 Strategy', `${result.strategy.name} (${result.strategy.className})`],
    ['文件 File', s.strategyFile],
    ['合约 Contracts', s.symbols.join(', ')],
    ['周期 Period', s.period],
    ['区间 Range', `${formatDay(s.from)} ~ ${formatDay(s.to)}`],
    ['参数 Parameters', Object.entries(s.params).map(([k, v]) => `${k}=${String(v)}`).join(', ') || '默认 defaults'],
    ['起始资金 Capital', s.capital.toLocaleString('en-US')],
    ['滑点 Slippage', `${s.slippageTicks} 跳 ticks`],
    ['手续费与保证金 Costs', s.costs === undefined ? '合约规格 contract specs' : JSON.stringify(s.costs)],
    ['生成 Created', formatShanghai(result.createdAt)],
  ];
  if (result.cancelled) settingRows.push(['状态 Status', '已取消，结果不完整 cancelled: partial result']);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>回测报告 Backtest report · ${escapeHtml(title)}</title>
<style>${CSS}</style>
<script>${echarts()}</script>
</head>
<body>
<h1>回测报告 <small>Backtest report</small></h1>
<p class="sub">${escapeHtml(title)}</p>
<table class="settings">${settingRows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<div id="problems"></div>
<h2>统计 <small>Statistics</small></h2>
<div id="stats" class="stats"></div>
<h2>权益与回撤 <small>Equity and drawdown</small></h2>
<div id="equity" class="chart tall"></div>
<h2>每日盈亏 <small>Daily P&amp;L</small></h2>
<div id="dailyPnl" class="chart"></div>
<h2>月度收益 % <small>Monthly returns %</small></h2>
<div id="monthly" class="chart"></div>
<h2>价格与成交 <small>Price and fills</small></h2>
<div id="price"></div>
<h2>开平仓配对 <small>Round trips</small></h2>
<div id="trips"></div>
<h2>成交记录 <small>Fills</small></h2>
<div id="trades"></div>
<script id="data" type="application/json">${scriptJson(payload)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1280px;padding:0 16px;color:#222;background:#fff}
h1{margin:0;font-size:24px}h2{margin:28px 0 8px;font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px}
small{color:#888;font-weight:normal;font-size:70%}.sub{color:#555;margin:4px 0 12px}
table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}
.settings th{color:#666;font-weight:normal}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:0 24px}
.stats div{display:flex;justify-content:space-between;border-bottom:1px solid #f0f0f0;padding:3px 0}
.stats span:first-child{color:#555}.stats small{margin-left:4px}
.chart{height:320px}.tall{height:460px}.price{height:520px}
.pos{color:#d03030}.neg{color:#1a8a3a}
.list td.n{text-align:right;font-variant-numeric:tabular-nums}
.pager{margin:6px 0}.pager button{margin-right:6px}
#problems{color:#b00}
`;

/** The report's own script: draws the charts and tables from the inlined data. */
const SCRIPT = String.raw`
(function(){
var D=JSON.parse(document.getElementById('data').textContent);
var RED='#d03030',GREEN='#1a8a3a';
function fmt(v,d){if(v===null||v===undefined)return '-';if(typeof v!=='number')return String(v);return v.toLocaleString('en-US',{minimumFractionDigits:d===undefined?2:d,maximumFractionDigits:d===undefined?2:d});}
function day(d){d=String(d);return d.slice(0,4)+'-'+d.slice(4,6)+'-'+d.slice(6,8);}
function el(id){return document.getElementById(id);}
if(D.problems.length){el('problems').innerHTML='<h2>问题 <small>Problems</small></h2><pre>'+D.problems.map(function(p){return p.replace(/&/g,'&amp;').replace(/</g,'&lt;');}).join('\n')+'</pre>';}
el('stats').innerHTML=D.stats.map(function(s){return '<div><span>'+s.zh+'<small>'+s.en+'</small></span><span>'+s.text+'</span></div>';}).join('');
var days=D.daily.map(function(d){return day(d.tradingDay);});
var eq=echarts.init(el('equity'));
eq.setOption({tooltip:{trigger:'axis'},legend:{data:['权益 Balance','回撤 Drawdown %'],top:0,right:30},
 grid:[{left:70,right:30,top:30,height:'55%'},{left:70,right:30,top:'72%',height:'20%'}],
 xAxis:[{type:'category',data:days,gridIndex:0},{type:'category',data:days,gridIndex:1}],
 yAxis:[{type:'value',scale:true,gridIndex:0},{type:'value',gridIndex:1,max:0}],
 dataZoom:[{type:'inside',xAxisIndex:[0,1]},{type:'slider',xAxisIndex:[0,1],bottom:0}],
 series:[{name:'权益 Balance',type:'line',showSymbol:false,data:D.daily.map(function(d){return d.balance;}),lineStyle:{color:'#2060c0'}},
  {name:'回撤 Drawdown %',type:'line',showSymbol:false,xAxisIndex:1,yAxisIndex:1,areaStyle:{color:'rgba(26,138,58,.35)'},lineStyle:{color:GREEN},data:D.daily.map(function(d){return d.drawdownPercent;})}]});
var dp=echarts.init(el('dailyPnl'));
dp.setOption({tooltip:{trigger:'axis'},grid:{left:70,right:30,top:20,bottom:60},xAxis:{type:'category',data:days},yAxis:{type:'value'},
 dataZoom:[{type:'inside'},{type:'slider',bottom:0}],
 series:[{type:'bar',name:'净盈亏 Net P&L',data:D.daily.map(function(d){return {value:d.netPnl,itemStyle:{color:d.netPnl>=0?RED:GREEN}};})}]});
var years=[];D.monthly.forEach(function(m){if(years.indexOf(m.year)<0)years.push(m.year);});
var mv=0;D.monthly.forEach(function(m){mv=Math.max(mv,Math.abs(m.value));});
var mo=echarts.init(el('monthly'));
mo.setOption({tooltip:{formatter:function(p){return p.value[1]+'-'+(p.value[0]+1)+': '+fmt(p.value[2])+'%';}},
 grid:{left:70,right:30,top:20,bottom:80},
 xAxis:{type:'category',data:['1月','2月','3月','4月','5月','6月','7月','8月','9月','10月','11月','12月']},
 yAxis:{type:'category',data:years},
 visualMap:{min:-(mv||1),max:mv||1,precision:2,calculable:true,orient:'horizontal',left:'center',bottom:0,inRange:{color:[GREEN,'#f6f6f6',RED]}},
 series:[{type:'heatmap',data:D.monthly.map(function(m){return [m.month-1,years.indexOf(m.year),Number(m.value.toFixed(2))||0];}),label:{show:true,formatter:function(p){return fmt(p.value[2]);}}}]});
D.prices.forEach(function(ps){
 var box=document.createElement('div');box.className='chart price';el('price').appendChild(box);
 var times=ps.time;var labels=times.map(function(t){var d=new Date(t+8*3600000);return d.toISOString().slice(0,16).replace('T',' ');});
 function at(t){var lo=0,hi=times.length;while(lo<hi){var m=(lo+hi)>>1;if(times[m]<=t)lo=m+1;else hi=m;}return Math.max(0,lo-1);}
 var buys=[],sells=[];
 D.trades.forEach(function(t){if(t[1]!==ps.symbol)return;var p=[at(t[0]),t[4]];(t[2]==='buy'?buys:sells).push(p);});
 var c=echarts.init(box);
 c.setOption({title:{text:ps.symbol+' '+ps.period+(ps.barsPerPoint>1?' (每点 '+ps.barsPerPoint+' 根 / '+ps.barsPerPoint+' bars a candle)':''),textStyle:{fontSize:13}},
  tooltip:{trigger:'axis'},legend:{data:['买 Buy','卖 Sell'],right:10},grid:{left:70,right:30,top:40,bottom:70},
  xAxis:{type:'category',data:labels},yAxis:{type:'value',scale:true},
  dataZoom:[{type:'inside',start:Math.max(0,100-20000/Math.max(1,times.length)),end:100},{type:'slider',bottom:10}],
  series:[{type:'candlestick',name:ps.symbol,data:times.map(function(_,i){return [ps.open[i],ps.close[i],ps.low[i],ps.high[i]];}),
    itemStyle:{color:RED,color0:GREEN,borderColor:RED,borderColor0:GREEN},large:true},
   {type:'scatter',name:'买 Buy',symbol:'triangle',symbolSize:9,itemStyle:{color:'#c00000'},data:buys,large:buys.length>2000},
   {type:'scatter',name:'卖 Sell',symbol:'triangle',symbolRotate:180,symbolSize:9,itemStyle:{color:'#006400'},data:sells,large:sells.length>2000}]});
 window.addEventListener('resize',function(){c.resize();});
});
function table(id,head,rows,numeric,colour){
 var page=0,per=100,box=el(id);
 function draw(){
  var pages=Math.max(1,Math.ceil(rows.length/per));
  var h='<div class="pager">'+rows.length.toLocaleString('en-US')+' 行 rows · <button data-p="-1">‹</button>'+(page+1)+' / '+pages+' <button data-p="1">›</button></div>';
  h+='<table class="list"><tr>'+head.map(function(x){return '<th>'+x+'</th>';}).join('')+'</tr>';
  rows.slice(page*per,page*per+per).forEach(function(r){h+='<tr>'+r.map(function(v,i){var cls=numeric[i]?'n':'';if(colour[i]&&typeof v==='number')cls+=v>0?' pos':v<0?' neg':'';return '<td class="'+cls+'">'+(numeric[i]?fmt(v,numeric[i]===2?0:2):String(v))+'</td>';}).join('')+'</tr>';});
  box.innerHTML=h+'</table>';
  box.querySelectorAll('button').forEach(function(b){b.onclick=function(){page=Math.min(pages-1,Math.max(0,page+Number(b.getAttribute('data-p'))));draw();};});
 }
 draw();
}
table('trips',['合约 Symbol','方向 Dir','手数 Lots','开仓时间 Entry','开仓价 Price','平仓时间 Exit','平仓价 Price','盈亏 P&L','手续费 Fee','净盈亏 Net','MAE','MFE','K线 Bars'],
 D.trips,[0,0,2,0,1,0,1,1,1,1,1,1,2],[0,0,0,0,0,0,0,1,0,1,1,1,0]);
table('trades',['#','时间 Time','合约 Symbol','买卖 Side','开平 Offset','价格 Price','手数 Lots','手续费 Fee','滑点 Slippage','平仓盈亏 Close P&L','来源 Source'],
 D.trades.map(function(t,i){return [i+1,D.tradeTimes[i],t[1],t[2]==='buy'?'买 buy':'卖 sell',t[3],t[4],t[5],t[6],t[7],t[8],t[9]];}),
 [2,0,0,0,0,1,2,1,1,1,0],[0,0,0,0,0,0,0,0,0,1,0]);
window.addEventListener('resize',function(){eq.resize();dp.resize();mo.resize();});
})();
`;
