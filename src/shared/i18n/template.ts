import type { Lang } from '../ipc/settings';

/**
 * Fills a message template's `{name}` placeholders; a parameter that is missing leaves its place empty. Numbers are
 * written by `number` (default: as they are).
 */
export function fillTemplate(
  template: string,
  params: Readonly<Record<string, string | number>>,
  number: (v: number) => string = String,
): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    return v === undefined ? '' : typeof v === 'number' ? number(v) : v;
  });
}

/** A bilingual table of message templates by code: its formatter and the check that a code is one of its keys. */
export interface MessageCatalog<K extends string> {
  format(code: K, params?: Readonly<Record<string, string | number>>, lang?: Lang): string;
  has(code: string): code is K;
}

/** The catalog of a table; numbers in its messages are written by `number` (default: as they are). */
export function messageCatalog<K extends string>(
  templates: Readonly<Record<K, Readonly<Record<Lang, string>>>>,
  number?: (v: number) => string,
): MessageCatalog<K> {
  return {
    format: (code, params = {}, lang = 'zh') => fillTemplate(templates[code]?.[lang] ?? code, params, number),
    has: (code): code is K => Object.prototype.hasOwnProperty.call(templates, code),
  };
}
