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
