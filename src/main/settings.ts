import fs from 'node:fs';
import path from 'node:path';
import { definedOnly } from './util/defined';
import { DEFAULT_UI_SETTINGS, uiSettingsSchema, type UiSettings } from '../shared/ipc/settings';

/**
 * The profile's settings.json: read with validation (a damaged or hand-edited file is reported, field by field, and
 * the defaults stand in for what is wrong), written atomically. Secrets never go here.
 */
export class SettingsStore {
  private value: UiSettings;
  readonly problems: string[] = [];

  constructor(private readonly file: string) {
    this.value = { ...DEFAULT_UI_SETTINGS };
    if (!fs.existsSync(file)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      this.problems.push(`${file}: not valid JSON (${(e as Error).message}); defaults used`);
      return;
    }
    const parsed = uiSettingsSchema.partial().safeParse(raw);
    if (parsed.success) {
      this.value = { ...this.value, ...definedOnly(parsed.data) };
      return;
    }
    for (const issue of parsed.error.issues) this.problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}; default used`);
    // Keep the fields that are valid on their own.
    if (raw !== null && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw)) {
        const one = uiSettingsSchema.partial().safeParse({ [k]: v });
        if (one.success) this.value = { ...this.value, ...definedOnly(one.data) };
      }
    }
  }

  get(): UiSettings {
    return this.value;
  }

  update(patch: { [K in keyof UiSettings]?: UiSettings[K] | undefined }): UiSettings {
    this.value = { ...this.value, ...definedOnly(patch) };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.value, null, 2));
    fs.renameSync(tmp, this.file);
    return this.value;
  }
}
