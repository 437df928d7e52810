// The CTP account settings the UI edits: presets, field checks with messages a trader understands, secrets kept out.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CTP_PRESETS, ctpAccountInputSchema, ctpAccountSchema, redactCtpAccount, summarizeCtpAccount, type CtpAccountConfig } from '../../src/shared/ipc/accounts';

const simnow: CtpAccountConfig = {
  id: 'simnow',
  name: 'SimNow 7x24',
  preset: 'simnow-7x24',
  brokerId: '9999',
  userId: '123456',
  password: 'my-password',
  appId: 'simnow_client_test',
  authCode: '0000000000000000',
  productInfo: '',
  tradeFronts: ['tcp://182.254.243.31:40001'],
  marketFronts: ['tcp://182.254.243.31:40011'],
};

describe('CTP account settings', () => {
  it('accepts every preset filled in with a user and password', () => {
    for (const p of CTP_PRESETS) {
      const r = ctpAccountSchema.safeParse({ ...simnow, id: p.id, preset: p.id, brokerId: p.brokerId, appId: p.appId, authCode: p.authCode, tradeFronts: p.tradeFronts, marketFronts: p.marketFronts });
      expect(r.success, p.id).toBe(true);
    }
  });

  it('names the field and says what is wrong', () => {
    const bad = ctpAccountSchema.safeParse({ ...simnow, tradeFronts: ['182.254.243.31:40001'] });
    expect(bad.success).toBe(false);
    const issue = bad.error!.issues[0]!;
    expect(issue.path).toEqual(['tradeFronts', 0]);
    expect(issue.message).toContain('前置地址格式应为 tcp://IP:端口');
    const noFront = ctpAccountSchema.safeParse({ ...simnow, marketFronts: [] });
    expect(noFront.error!.issues[0]!.message).toContain('至少需要一个行情前置地址');
    const longBroker = ctpAccountSchema.safeParse({ ...simnow, brokerId: '12345678901' });
    expect(longBroker.error!.issues[0]!.path).toEqual(['brokerId']);
  });

  it('lets an edit leave the secrets out to keep the stored ones', () => {
    const { password: _p, authCode: _a, ...rest } = simnow;
    expect(ctpAccountInputSchema.safeParse(rest).success).toBe(true);
    expect(ctpAccountSchema.safeParse(rest).success).toBe(false);
  });

  it('marks the password and AuthCode as secrets and never hands them out', () => {
    const shape = ctpAccountSchema.shape;
    expect(z.globalRegistry.get(shape.password)).toMatchObject({ secret: true });
    expect(z.globalRegistry.get(shape.authCode)).toMatchObject({ secret: true });
    expect(z.globalRegistry.get(shape.userId)?.['secret']).toBeUndefined();
    const summary = summarizeCtpAccount(simnow);
    expect(JSON.stringify(summary)).not.toContain('my-password');
    expect(summary).toMatchObject({ hasPassword: true, hasAuthCode: true, userId: '123456' });
    expect(redactCtpAccount(simnow)).toMatchObject({ password: '******', authCode: '******', userId: '123456' });
  });
});
