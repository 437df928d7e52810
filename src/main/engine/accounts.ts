import {
  ctpAccountSchema,
  summarizeCtpAccount,
  type CtpAccountConfig,
  type CtpAccountInput,
  type CtpAccountSummary,
  type CtpConnectionStatus,
} from '../../shared/ipc/accounts';
import { gatewayWords } from '../../shared/i18n/gateway-messages';
import type { Db } from '../data/db';
import type { SecretStore } from '../secrets';
import { LiveAccount, type LiveAccountDeps } from './live-account';

const CONFIGS_KEY = 'ctp.accounts';

/**
 * The trader's CTP accounts: their settings kept in the profile (table kv) with the password and AuthCode only in the
 * encrypted secret store, and the live connection of each account that is connected.
 */
export class AccountManager {
  private readonly live = new Map<string, LiveAccount>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly deps: () => LiveAccountDeps,
    private readonly onChange: (id: string, account: LiveAccount | undefined) => void = () => {},
  ) {}

  private configs(): Omit<CtpAccountConfig, 'password' | 'authCode'>[] {
    const row = this.db.prepare('SELECT value FROM kv WHERE key = ?').get(CONFIGS_KEY) as { value: string } | undefined;
    return row === undefined ? [] : (JSON.parse(row.value) as Omit<CtpAccountConfig, 'password' | 'authCode'>[]);
  }

  private writeConfigs(list: readonly Omit<CtpAccountConfig, 'password' | 'authCode'>[]): void {
    this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(CONFIGS_KEY, JSON.stringify(list));
  }

  /** The full config with its secrets, for connecting. */
  private config(id: string): CtpAccountConfig {
    const c = this.configs().find((x) => x.id === id);
    if (c === undefined) throw new Error(`没有账户 ${id} (no account ${id})`);
    return { ...c, password: this.secrets.get(`ctp:${id}:password`) ?? '', authCode: this.secrets.get(`ctp:${id}:authCode`) ?? '' };
  }

  list(): CtpAccountSummary[] {
    return this.configs().map((c) => ({ ...c, hasPassword: this.secrets.has(`ctp:${c.id}:password`), hasAuthCode: this.secrets.has(`ctp:${c.id}:authCode`) }));
  }

  /** Saves an account; a secret left out keeps the stored one. The whole account is checked before anything is kept. */
  save(input: CtpAccountInput): CtpAccountSummary {
    const password = input.password || (this.secrets.get(`ctp:${input.id}:password`) ?? '');
    const authCode = input.authCode ?? this.secrets.get(`ctp:${input.id}:authCode`) ?? '';
    const full = ctpAccountSchema.parse({ ...input, password, authCode });
    const { password: p, authCode: a, ...plain } = full;
    this.secrets.set(`ctp:${full.id}:password`, p);
    if (a) this.secrets.set(`ctp:${full.id}:authCode`, a);
    else this.secrets.delete(`ctp:${full.id}:authCode`);
    this.writeConfigs([...this.configs().filter((c) => c.id !== full.id), plain]);
    return summarizeCtpAccount(full);
  }

  remove(id: string): boolean {
    const before = this.configs();
    if (!before.some((c) => c.id === id)) return false;
    this.disconnect(id);
    this.writeConfigs(before.filter((c) => c.id !== id));
    this.secrets.delete(`ctp:${id}:password`);
    this.secrets.delete(`ctp:${id}:authCode`);
    return true;
  }

  connect(id: string): CtpConnectionStatus {
    const existing = this.live.get(id);
    if (existing !== undefined) return existing.status();
    const account = new LiveAccount(this.config(id), this.deps());
    this.live.set(id, account);
    this.onChange(id, account);
    return account.status();
  }

  disconnect(id: string): CtpConnectionStatus {
    const account = this.live.get(id);
    if (account === undefined) {
      this.config(id);
      return disconnected(id, 'LINK_DISCONNECTED');
    }
    account.close();
    this.live.delete(id);
    this.onChange(id, undefined);
    return disconnected(id, 'DISCONNECTED_BY_USER');
  }

  status(id?: string): CtpConnectionStatus[] {
    const ids = id === undefined ? this.configs().map((c) => c.id) : [id];
    return ids.map((x) => {
      const a = this.live.get(x);
      if (a !== undefined) return a.status();
      this.config(x);
      return disconnected(x, 'LINK_DISCONNECTED');
    });
  }

  get(id: string): LiveAccount | undefined {
    return this.live.get(id);
  }

  closeAll(): void {
    for (const id of [...this.live.keys()]) this.disconnect(id);
  }
}

function disconnected(accountId: string, code: 'LINK_DISCONNECTED' | 'DISCONNECTED_BY_USER'): CtpConnectionStatus {
  const link = { state: 'disconnected' as const, ...gatewayWords(code) };
  return { accountId, trade: link, market: link };
}
