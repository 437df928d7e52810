import type { RiskConfig } from '../../../shared/ipc/risk';

/**
 * The risk rules as the settings screen edits them. Ratios are shown in percent (5 means 5%, the engine keeps 0.05);
 * 0 turns a limit off. What each rule means is in the messages (risk.<rule>.meaning).
 */
export type RiskKey = keyof RiskConfig;
export type RiskKind = 'count' | 'percent' | 'switch';

export const RISK_RULES: readonly { readonly key: RiskKey; readonly kind: RiskKind }[] = [
  { key: 'maxPositionPerContract', kind: 'count' },
  { key: 'maxOpenOrdersPerContract', kind: 'count' },
  { key: 'checkMargin', kind: 'switch' },
  { key: 'maxDailyLossRatio', kind: 'percent' },
  { key: 'maxDrawdownRatio', kind: 'percent' },
  { key: 'maxOrdersPerSecond', kind: 'count' },
  { key: 'maxCancelsPerContractPerDay', kind: 'count' },
  { key: 'selfTradeCheck', kind: 'switch' },
];

export type RiskInputs = Record<RiskKey, string | boolean>;

export function riskInputs(c: RiskConfig): RiskInputs {
  const out = {} as RiskInputs;
  for (const r of RISK_RULES) {
    const v = c[r.key];
    out[r.key] = r.kind === 'switch' ? Boolean(v) : r.kind === 'percent' ? String(Math.round(Number(v) * 100 * 1e6) / 1e6) : String(v);
  }
  return out;
}

export type RiskProblem = 'wholeNumber' | 'percentRange';

/** The rules that changed, as risk.set takes them, or the problem of each field that cannot be sent. */
export function riskPatch(current: RiskConfig, inputs: RiskInputs): { patch: Partial<RiskConfig> } | { problems: Partial<Record<RiskKey, RiskProblem>> } {
  const patch: Record<string, number | boolean> = {};
  const problems: Partial<Record<RiskKey, RiskProblem>> = {};
  for (const r of RISK_RULES) {
    const input = inputs[r.key];
    let v: number | boolean;
    if (r.kind === 'switch') v = input === true;
    else {
      const n = String(input).trim() === '' ? Number.NaN : Number(input);
      if (r.kind === 'count') {
        if (!Number.isInteger(n) || n < 0) {
          problems[r.key] = 'wholeNumber';
          continue;
        }
        v = n;
      } else {
        if (!(n >= 0 && n <= 100)) {
          problems[r.key] = 'percentRange';
          continue;
        }
        v = Math.round(n * 1e6) / 1e8;
      }
    }
    if (v !== current[r.key]) patch[r.key] = v;
  }
  return Object.keys(problems).length > 0 ? { problems } : { patch: patch as Partial<RiskConfig> };
}
