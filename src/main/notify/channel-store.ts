import { z } from 'zod';
import { ALERT_CHANNEL_KINDS, ALERT_EVENTS } from '../../shared/ipc/alerts';
import { LANGS } from '../../shared/ipc/settings';

/** Where non-secret settings live (SqliteTradingStore's key-value table). */
export interface KeyValueStore {
  getValue(key: string): string | undefined;
  setValue(key: string, value: string): void;
}

/** Where secrets live, encrypted (SecretStore). */
export interface SecretVault {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** A channel's settings without its URL or secret: these are kept in the secret store, never beside them. */
export const storedChannelSchema = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(ALERT_CHANNEL_KINDS),
  name: z.string().min(1).max(64),
  events: z.array(z.enum(ALERT_EVENTS)),
  enabled: z.boolean(),
  lang: z.enum(LANGS),
});
export type StoredChannel = z.infer<typeof storedChannelSchema>;

const CHANNELS_KEY = 'alerts.channels';
const urlKey = (id: string) => `alerts:${id}:url`;
const secretKey = (id: string) => `alerts:${id}:secret`;

/**
 * The alert channels of a profile: their settings as JSON in the key-value table, their webhook URLs (which carry
 * access tokens) and signing secrets in the encrypted secret store.
 */
export class ChannelStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly vault: SecretVault,
  ) {}

  /** The stored channels; a damaged entry is left out and named in problems, the others still load. */
  load(): { channels: StoredChannel[]; problems: string[] } {
    const raw = this.kv.getValue(CHANNELS_KEY);
    if (raw === undefined) return { channels: [], problems: [] };
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch (e) {
      return { channels: [], problems: [`告警通道设置无法读取 (alert channel settings unreadable): ${(e as Error).message}`] };
    }
    if (!Array.isArray(list)) return { channels: [], problems: ['告警通道设置不是列表 (alert channel settings are not a list)'] };
    const channels: StoredChannel[] = [];
    const problems: string[] = [];
    list.forEach((entry: unknown, i) => {
      const parsed = storedChannelSchema.safeParse(entry);
      if (parsed.success) channels.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        problems.push(`告警通道 #${i + 1} 设置无效，已忽略 (alert channel #${i + 1} ignored): ${issue?.path.join('.')}: ${issue?.message}`);
      }
    });
    return { channels, problems };
  }

  saveList(channels: readonly StoredChannel[]): void {
    this.kv.setValue(CHANNELS_KEY, JSON.stringify(channels));
  }

  /** Throws when the stored value cannot be decrypted (another machine's key). */
  readUrl(id: string): string | undefined {
    return this.vault.get(urlKey(id));
  }

  readSecret(id: string): string | undefined {
    return this.vault.get(secretKey(id));
  }

  writeUrl(id: string, url: string): void {
    this.vault.set(urlKey(id), url);
  }

  /** Keeps the secret, or forgets it when undefined. */
  writeSecret(id: string, secret: string | undefined): void {
    if (secret === undefined) this.vault.delete(secretKey(id));
    else this.vault.set(secretKey(id), secret);
  }

  forget(id: string): void {
    this.vault.delete(urlKey(id));
    this.vault.delete(secretKey(id));
  }
}
