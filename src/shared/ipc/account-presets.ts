/**
 * The CTP account presets the account settings screen offers: SimNow's two environments and the local simulated
 * front. Kept free of zod so the renderer can import it: building a zod schema runs zod's eval probe, which the
 * page's Content-Security-Policy refuses.
 */

export const CTP_PRESET_IDS = ['simnow-7x24', 'simnow-standard', 'ctp-sim', 'custom'] as const;
export type CtpPresetId = (typeof CTP_PRESET_IDS)[number];

export interface CtpPreset {
  readonly id: Exclude<CtpPresetId, 'custom'>;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly noteZh: string;
  readonly noteEn: string;
  readonly brokerId: string;
  readonly appId: string;
  /** SimNow's public test code, not a personal secret. */
  readonly authCode: string;
  readonly tradeFronts: readonly string[];
  readonly marketFronts: readonly string[];
}

/** SimNow (上期技术's public practice environment) and the local simulated front. */
export const CTP_PRESETS: readonly CtpPreset[] = [
  {
    id: 'simnow-7x24',
    nameZh: 'SimNow 7×24',
    nameEn: 'SimNow 7x24',
    noteZh: '全天可用的测试环境，行情为回放；账号在 simnow.com.cn 注册',
    noteEn: 'Test environment open around the clock with replayed quotes; register at simnow.com.cn',
    brokerId: '9999',
    appId: 'simnow_client_test',
    authCode: '0000000000000000',
    tradeFronts: ['tcp://182.254.243.31:40001'],
    marketFronts: ['tcp://182.254.243.31:40011'],
  },
  {
    id: 'simnow-standard',
    nameZh: 'SimNow 仿真（交易时段）',
    nameEn: 'SimNow standard (trading hours)',
    noteZh: '与实盘同时段开放，行情为实时行情；三组前置任选其一',
    noteEn: 'Open during exchange hours with live quotes; three front groups',
    brokerId: '9999',
    appId: 'simnow_client_test',
    authCode: '0000000000000000',
    tradeFronts: ['tcp://182.254.243.31:30001', 'tcp://182.254.243.31:30002', 'tcp://182.254.243.31:30003'],
    marketFronts: ['tcp://182.254.243.31:30011', 'tcp://182.254.243.31:30012', 'tcp://182.254.243.31:30013'],
  },
  {
    id: 'ctp-sim',
    nameZh: '本地模拟前置 (ctp-sim)',
    nameEn: 'Local simulated front (ctp-sim)',
    noteZh: '本机内置的 CTP 模拟前置，无需期货账号，任意账号密码首次登录即开户',
    noteEn: 'The built-in CTP simulator: no broker account needed, any user and password opens an account on first login',
    brokerId: '9999',
    appId: 'simnow_client_test',
    authCode: '0000000000000000',
    tradeFronts: ['tcp://127.0.0.1:40001'],
    marketFronts: ['tcp://127.0.0.1:40011'],
  },
];
