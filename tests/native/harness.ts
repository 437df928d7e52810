import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CtpAccountConfig } from '../../src/shared/ipc/accounts';
import type { CThostFtdcDepthMarketDataField, MdEvent, TraderEvent } from '../../src/main/gateway/ctp/ctp-api.gen';
import { flowFolder, loadCtpAddon, type NativeMdApi, type NativeTraderApi } from '../../src/main/gateway/ctp/native';
import { loadSimControl } from '../../src/main/gateway/ctp/sim-control';

/** The real addon and ctp-sim's control hook: what every test here runs against. */
export const ctp = loadCtpAddon();
export const sim = loadSimControl();

export const TRADE_FRONT = 'tcp://127.0.0.1:40001';
export const MD_FRONT = 'tcp://127.0.0.1:40011';
export const BROKER = '9999';

let seq = 0;
/** A user id no other test of this process uses: each test gets a fresh account at the simulated broker. */
export function newUser(prefix = 'u'): string {
  return `${prefix}${process.pid % 10000}${++seq}`;
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ctp-${name}-`));
}

/** Test speed: reconnects after 50 ms and 50 queries a second instead of CTP's 1 s and 1. */
export function fastSim(): void {
  sim.setReconnectDelay(50);
  sim.setQueryLimit(50);
  sim.setQueryLatency(2);
  sim.setAutoOpen(true);
}

export async function waitUntil(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A quote at sensible prices; fields given override. */
export function quote(instrument: string, last: number, more: Partial<CThostFtdcDepthMarketDataField> = {}): Partial<CThostFtdcDepthMarketDataField> {
  return {
    InstrumentID: instrument,
    LastPrice: last,
    BidPrice1: last - 1,
    BidVolume1: 10,
    AskPrice1: last + 1,
    AskVolume1: 10,
    UpperLimitPrice: Math.round(last * 1.1),
    LowerLimitPrice: Math.round(last * 0.9),
    PreSettlementPrice: last,
    ...more,
  };
}

/** A contract of the simulator's listing: rb of the month after next from its trading day. */
export function listedCode(product: string, monthsAhead = 2): string {
  const day = sim.stat('trading_day');
  let y = Math.floor(day / 10000);
  let m = (Math.floor(day / 100) % 100) + monthsAhead;
  while (m > 12) {
    m -= 12;
    y++;
  }
  return `${product}${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}`;
}

/** The TraderApi through the addon, its events recorded in order. */
export class TraderHarness {
  readonly events: TraderEvent[] = [];
  readonly api: NativeTraderApi;
  private nextId = 100;

  constructor(readonly user: string, fronts: readonly string[] = [TRADE_FRONT], dir = tempDir('td')) {
    this.api = new ctp.TraderApi(flowFolder(dir, user), (batch) => this.events.push(...batch));
    this.api.SubscribePrivateTopic(0);
    this.api.SubscribePublicTopic(2);
    for (const f of fronts) this.api.RegisterFront(f);
  }

  id(): number {
    return ++this.nextId;
  }

  /** Waits for the n-th event (from `from`) matching, and returns it. */
  async next<N extends TraderEvent['name']>(name: N, pred: (e: Extract<TraderEvent, { name: N }>) => boolean = () => true, from = 0, timeoutMs = 5000): Promise<Extract<TraderEvent, { name: N }>> {
    let found: Extract<TraderEvent, { name: N }> | undefined;
    await waitUntil(
      () => {
        found = this.events.slice(from).find((e): e is Extract<TraderEvent, { name: N }> => e.name === name && pred(e as Extract<TraderEvent, { name: N }>));
        return found !== undefined;
      },
      timeoutMs,
      name,
    );
    return found!;
  }

  of<N extends TraderEvent['name']>(name: N): Extract<TraderEvent, { name: N }>[] {
    return this.events.filter((e): e is Extract<TraderEvent, { name: N }> => e.name === name);
  }

  /** Connect, authenticate, log in and confirm the settlement: the sequence every CTP client goes through. */
  async login(password = 'secret'): Promise<Extract<TraderEvent, { name: 'OnRspUserLogin' }>> {
    const from = this.events.length;
    this.api.Init();
    await this.next('OnFrontConnected', undefined, from);
    return this.signIn(password);
  }

  /** Authenticate, log in and confirm on a connection that is up. */
  async signIn(password = 'secret'): Promise<Extract<TraderEvent, { name: 'OnRspUserLogin' }>> {
    const auth = this.id();
    this.api.ReqAuthenticate({ BrokerID: BROKER, UserID: this.user, AppID: 'client_app', AuthCode: '0000000000000000' }, auth);
    await this.next('OnRspAuthenticate', (e) => e.requestId === auth);
    const login = this.id();
    this.api.ReqUserLogin({ BrokerID: BROKER, UserID: this.user, Password: password }, login);
    const rsp = await this.next('OnRspUserLogin', (e) => e.requestId === login);
    const confirm = this.id();
    this.api.ReqSettlementInfoConfirm({ BrokerID: BROKER, InvestorID: this.user }, confirm);
    await this.next('OnRspSettlementInfoConfirm', (e) => e.requestId === confirm);
    return rsp;
  }

  order(fields: Record<string, unknown>): { ref: string; rc: number } {
    const ref = String(fields['OrderRef']);
    const rc = this.api.ReqOrderInsert(
      {
        BrokerID: BROKER,
        InvestorID: this.user,
        UserID: this.user,
        OrderPriceType: '2',
        CombHedgeFlag: '1',
        TimeCondition: '3',
        VolumeCondition: '1',
        MinVolume: 1,
        ContingentCondition: '1',
        ForceCloseReason: '0',
        ...fields,
      },
      this.id(),
    );
    return { ref, rc };
  }

  release(): void {
    this.api.Release();
  }
}

export class MdHarness {
  readonly events: MdEvent[] = [];
  readonly api: NativeMdApi;
  calls = 0;

  constructor(fronts: readonly string[] = [MD_FRONT], dir = tempDir('md')) {
    this.api = new ctp.MdApi(flowFolder(dir, 'md'), (batch) => {
      this.calls++;
      this.events.push(...batch);
    });
    for (const f of fronts) this.api.RegisterFront(f);
  }

  async login(): Promise<void> {
    this.api.Init();
    await waitUntil(() => this.events.some((e) => e.name === 'OnFrontConnected'), 5000, 'md front');
    this.api.ReqUserLogin({ BrokerID: BROKER, UserID: 'md' }, 1);
    await waitUntil(() => this.events.some((e) => e.name === 'OnRspUserLogin'), 5000, 'md login');
  }

  ticks(): Extract<MdEvent, { name: 'OnRtnDepthMarketData' }>[] {
    return this.events.filter((e): e is Extract<MdEvent, { name: 'OnRtnDepthMarketData' }> => e.name === 'OnRtnDepthMarketData');
  }
}

export function account(user: string, more: Partial<CtpAccountConfig> = {}): CtpAccountConfig {
  return {
    id: user,
    name: user,
    preset: 'ctp-sim',
    brokerId: BROKER,
    userId: user,
    password: 'secret',
    appId: 'client_app',
    authCode: '0000000000000000',
    productInfo: '',
    tradeFronts: [TRADE_FRONT],
    marketFronts: [MD_FRONT],
    ...more,
  };
}
