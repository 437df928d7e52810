import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './data/db';

/** Turns a secret into bytes only its owner can read back. */
export interface SecretCipher {
  /** Names the method, stored beside each value, so a profile moved to another cipher says so instead of failing silently. */
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * AES-256-GCM under a random key kept in a file only the user can read (0600), outside the profile database. It is
 * what the headless terminal uses; the desktop app uses the operating system's store (Electron safeStorage: DPAPI on
 * Windows) instead.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind = 'aes-256-gcm-keyfile';
  private cached: Buffer | undefined;

  /** The key file is read, or made, when a secret is first kept or read: not before. */
  constructor(private readonly keyFile: string) {}

  private get key(): Buffer {
    if (this.cached !== undefined) return this.cached;
    const file = this.keyFile;
    if (fs.existsSync(file)) {
      const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error(`${file}: not a secret key (expected 32 bytes of base64)`);
      this.cached = key;
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      this.cached = crypto.randomBytes(32);
      fs.writeFileSync(file, this.cached.toString('base64'), { mode: 0o600 });
    }
    return this.cached;
  }

  encrypt(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }

  decrypt(data: Buffer): string {
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    d.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
  }
}

/** Secrets (broker passwords, auth codes) in the profile database, encrypted; never a plain-text column or log line. */
export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
  ) {}

  set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO secret (key, cipher, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET cipher = excluded.cipher, value = excluded.value, updated_at = excluded.updated_at')
      .run(key, this.cipher.kind, this.cipher.encrypt(value), Date.now());
  }

  /** The secret, or undefined if none is kept; throws if it was kept by another cipher or the data is damaged. */
  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT cipher, value FROM secret WHERE key = ?').get(key) as { cipher: string; value: Buffer } | undefined;
    if (row === undefined) return undefined;
    if (row.cipher !== this.cipher.kind) throw new Error(`secret ${key} was kept with ${row.cipher}, not ${this.cipher.kind}: enter it again`);
    try {
      return this.cipher.decrypt(row.value);
    } catch {
      throw new Error(`secret ${key} cannot be read back (another machine's key?): enter it again`);
    }
  }

  has(key: string): boolean {
    return this.db.prepare('SELECT 1 FROM secret WHERE key = ?').get(key) !== undefined;
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM secret WHERE key = ?').run(key);
  }
}
