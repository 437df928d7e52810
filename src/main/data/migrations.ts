/**
 * The profile database's schema, in order. A migration, once released, is never edited: add a new one.
 * Tables follow the original plan (strategy, signal, order, trade, position, account, performance) with the fields
 * Chinese futures need (today/yesterday lots, mark-to-market costs), plus the market data store.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'trading',
    sql: `
CREATE TABLE strategy (
  id INTEGER PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  display_name TEXT,
  class_name TEXT,
  file TEXT,
  symbols TEXT,
  params TEXT,
  state TEXT,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER,
  updated_at INTEGER
);
CREATE TABLE signal (
  id INTEGER PRIMARY KEY,
  strategy_id INTEGER REFERENCES strategy(id) ON DELETE SET NULL,
  symbol TEXT NOT NULL,
  action TEXT NOT NULL,
  price REAL,
  volume INTEGER,
  tag TEXT,
  stop_loss REAL,
  trigger_time INTEGER,
  processed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE "order" (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  signal_id INTEGER REFERENCES signal(id) ON DELETE SET NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  offset TEXT NOT NULL,
  type TEXT NOT NULL,
  price REAL NOT NULL,
  volume INTEGER NOT NULL,
  filled_volume INTEGER NOT NULL DEFAULT 0,
  avg_price REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  status_msg TEXT NOT NULL DEFAULT '',
  status_reason TEXT,
  source TEXT NOT NULL,
  gateway_order_id TEXT NOT NULL DEFAULT '',
  parent_id TEXT,
  reference TEXT,
  stop_price REAL,
  trading_day INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  UNIQUE (account_id, order_id)
);
CREATE INDEX order_day ON "order" (account_id, trading_day);
CREATE INDEX order_status ON "order" (account_id, status);
CREATE TABLE trade (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  trade_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  offset TEXT NOT NULL,
  price REAL NOT NULL,
  volume INTEGER NOT NULL,
  commission REAL NOT NULL,
  close_profit REAL NOT NULL,
  trade_time INTEGER NOT NULL,
  trading_day INTEGER NOT NULL,
  source TEXT NOT NULL,
  UNIQUE (account_id, trade_id)
);
CREATE INDEX trade_day ON trade (account_id, trading_day);
CREATE TABLE position (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  direction TEXT NOT NULL,
  volume INTEGER NOT NULL,
  today_volume INTEGER NOT NULL,
  yd_volume INTEGER NOT NULL,
  today_cost REAL NOT NULL,
  yd_open_cost REAL NOT NULL,
  yd_position_cost REAL NOT NULL,
  last_price REAL,
  update_time INTEGER NOT NULL,
  UNIQUE (account_id, symbol, direction)
);
CREATE TABLE account (
  account_id TEXT PRIMARY KEY,
  trading_day INTEGER NOT NULL,
  pre_balance REAL NOT NULL,
  deposit REAL NOT NULL,
  withdraw REAL NOT NULL,
  close_profit REAL NOT NULL,
  commission REAL NOT NULL,
  max_balance REAL NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE performance (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  strategy TEXT NOT NULL DEFAULT '',
  date INTEGER NOT NULL,
  pre_balance REAL NOT NULL,
  equity REAL NOT NULL,
  daily_pnl REAL NOT NULL,
  close_profit REAL NOT NULL,
  position_profit REAL NOT NULL,
  commission REAL NOT NULL,
  daily_return REAL NOT NULL,
  drawdown REAL NOT NULL,
  max_equity REAL NOT NULL,
  trade_count INTEGER NOT NULL,
  turnover REAL NOT NULL,
  UNIQUE (account_id, strategy, date)
);
CREATE TABLE stop_order (
  account_id TEXT NOT NULL,
  stop_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, stop_id)
);
CREATE TABLE quote_state (
  account_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  last REAL,
  pre_settlement REAL,
  PRIMARY KEY (account_id, symbol)
);
CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'market data',
    // Bars and ticks in columnar chunks: one row per series and trading day (per year for daily bars), the rows
    // packed by chunk-codec.ts. The recorder appends parts (part > 0) that are merged as they accumulate.
    sql: `
CREATE TABLE market_chunk (
  id INTEGER PRIMARY KEY,
  symbol TEXT NOT NULL,
  period TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  part INTEGER NOT NULL,
  level INTEGER NOT NULL,
  count INTEGER NOT NULL,
  first_time REAL NOT NULL,
  last_time REAL NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (symbol, period, chunk, part)
);
CREATE TABLE market_stage (
  job TEXT NOT NULL,
  symbol TEXT NOT NULL,
  period TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  count INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (job, symbol, period, chunk)
);
CREATE TABLE continuous_roll (
  symbol TEXT NOT NULL,
  trading_day INTEGER NOT NULL,
  from_symbol TEXT NOT NULL,
  to_symbol TEXT NOT NULL,
  from_close REAL NOT NULL,
  to_close REAL NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (symbol, trading_day)
);
CREATE TABLE download_state (
  source TEXT NOT NULL,
  symbol TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  last_time REAL,
  bars INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (source, symbol, period)
);
`,
  },
  {
    version: 3,
    name: 'secrets',
    // Broker passwords and auth codes, encrypted (src/main/secrets.ts); never a plain-text column.
    sql: `
CREATE TABLE secret (
  key TEXT PRIMARY KEY,
  cipher TEXT NOT NULL,
  value BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'backtest runs',
    // The history of backtest runs (src/main/backtest/history.ts): what the list shows in columns, the whole result
    // (daily rows, fills, round trips, prices) as gzipped JSON.
    sql: `
CREATE TABLE backtest_run (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  name TEXT NOT NULL,
  strategy TEXT NOT NULL,
  strategy_file TEXT NOT NULL,
  strategy_hash TEXT NOT NULL,
  symbols TEXT NOT NULL,
  period TEXT NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL,
  settings TEXT NOT NULL,
  statistics TEXT NOT NULL,
  result BLOB NOT NULL
);
CREATE INDEX backtest_run_created ON backtest_run (created_at);
`,
  },
  {
    version: 5,
    name: 'strategy account',
    // The account a strategy instance trades on: 'sim' (the simulated account) or a CTP account's engine id.
    sql: `ALTER TABLE strategy ADD COLUMN account_id TEXT NOT NULL DEFAULT 'sim';`,
  },
  {
    version: 6,
    name: 'journal',
    // Each account's log lines (日志), kept across restarts; message_key is the line's code and parameters as JSON.
    sql: `
CREATE TABLE log_line (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  time REAL NOT NULL,
  level TEXT NOT NULL,
  source TEXT NOT NULL,
  message TEXT NOT NULL,
  message_key TEXT
);
CREATE INDEX log_line_account ON log_line (account_id, id);
`,
  },
  {
    version: 7,
    name: 'settlement statements',
    // 结算单 of each settled day: the engine's own (body, JSON of StatementBody) and a live account's broker text.
    sql: `
CREATE TABLE settlement_statement (
  account_id TEXT NOT NULL,
  trading_day INTEGER NOT NULL,
  body TEXT,
  broker_text TEXT,
  PRIMARY KEY (account_id, trading_day)
);
`,
  },
];
