/**
 * The properties of `o` that are not undefined: zod's optional fields come as `x?: T | undefined`, which strict
 * optional property types do not accept where `x?: T` is declared.
 */
export function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
