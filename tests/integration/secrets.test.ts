import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/data/db';
import { KeyFileCipher, SecretStore } from '../../src/main/secrets';

describe('secret store', () => {
  it('keeps secrets encrypted: the database and the files hold no plain text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-secret-'));
    const db = openDatabase(path.join(dir, 'terminal.db'));
    const store = new SecretStore(db, new KeyFileCipher(path.join(dir, 'keys', 'secret.key')));
    const password = 'S3cret-密码-123456';
    store.set('ctp:9999:password', password);
    expect(store.get('ctp:9999:password')).toBe(password);
    expect(store.has('ctp:9999:password')).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isFile()) {
        const bytes = fs.readFileSync(p);
        expect(bytes.includes(Buffer.from(password, 'utf8')), `${f} holds the password in plain text`).toBe(false);
      }
    }
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'keys', 'secret.key')).mode & 0o077).toBe(0);
  });

  it('a secret kept under another key is refused with a message, not returned garbled', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-secret-'));
    const db = openDatabase(path.join(dir, 'terminal.db'));
    new SecretStore(db, new KeyFileCipher(path.join(dir, 'a.key'))).set('k', 'v');
    const other = new SecretStore(db, new KeyFileCipher(path.join(dir, 'b.key')));
    expect(() => other.get('k')).toThrow(/cannot be read back/);
    other.delete('k');
    expect(other.get('k')).toBeUndefined();
    db.close();
  });
});
