import type { Lang } from '../../../shared/ipc/settings';
import { en, zh, type MessageKey } from './messages';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

const TABLES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = TABLES[lang][key] ?? zh[key] ?? key;
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined ? m : String(v);
  });
}

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}
