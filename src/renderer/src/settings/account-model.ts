import { CTP_PRESETS, type CtpPresetId } from '../../../shared/ipc/account-presets';
import type { CtpAccountInput, CtpAccountSummary } from '../../../shared/ipc/accounts';

/**
 * The account form as plain data. The password and the AuthCode are write-only: the form starts them empty, and an
 * empty one is left out of the save, so the engine keeps the stored secret (it never sends one back).
 */
export interface AccountForm {
  readonly id: string;
  readonly name: string;
  readonly preset: CtpPresetId;
  readonly brokerId: string;
  readonly userId: string;
  readonly password: string;
  readonly appId: string;
  readonly authCode: string;
  readonly productInfo: string;
  /** One front a line. */
  readonly tradeFronts: string;
  readonly marketFronts: string;
}

export function formOf(a: CtpAccountSummary): AccountForm {
  return {
    id: a.id,
    name: a.name,
    preset: a.preset,
    brokerId: a.brokerId,
    userId: a.userId,
    password: '',
    appId: a.appId,
    authCode: '',
    productInfo: a.productInfo,
    tradeFronts: a.tradeFronts.join('\n'),
    marketFronts: a.marketFronts.join('\n'),
  };
}

export function newForm(preset: CtpPresetId = 'ctp-sim'): AccountForm {
  return withPreset({ id: '', name: '', preset, brokerId: '', userId: '', password: '', appId: '', authCode: '', productInfo: '', tradeFronts: '', marketFronts: '' }, preset);
}

/** A preset fills the broker, the AppID and the fronts; the trader's own ids and secrets stay as typed. */
export function withPreset(f: AccountForm, preset: CtpPresetId): AccountForm {
  const p = CTP_PRESETS.find((x) => x.id === preset);
  if (p === undefined) return { ...f, preset };
  return { ...f, preset, brokerId: p.brokerId, appId: p.appId, tradeFronts: p.tradeFronts.join('\n'), marketFronts: p.marketFronts.join('\n') };
}

const lines = (s: string): string[] =>
  s
    .split(/[\n,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * What accounts.save gets. Secrets left empty are not sent (the stored ones stay); a new account on a preset whose
 * AuthCode is public (SimNow's test code) gets that code when none was typed.
 */
export function saveInput(f: AccountForm, existing: CtpAccountSummary | undefined): CtpAccountInput {
  const preset = CTP_PRESETS.find((x) => x.id === f.preset);
  const authCode = f.authCode.trim() !== '' ? f.authCode.trim() : existing === undefined || !existing.hasAuthCode ? preset?.authCode : undefined;
  return {
    id: f.id.trim(),
    name: f.name.trim(),
    preset: f.preset,
    brokerId: f.brokerId.trim(),
    userId: f.userId.trim(),
    appId: f.appId.trim(),
    productInfo: f.productInfo.trim(),
    tradeFronts: lines(f.tradeFronts),
    marketFronts: lines(f.marketFronts),
    ...(f.password !== '' ? { password: f.password } : {}),
    ...(authCode !== undefined && authCode !== '' ? { authCode } : {}),
  };
}
