import type { z } from 'zod';

/**
 * A request of the contract: a zod schema for its params (checked on the main side, so a malformed request gets
 * an error naming the field) and the type of its result (a phantom: types only, nothing at run time).
 */
export interface RequestDef<P extends z.ZodType, R> {
  readonly params: P;
  readonly __result?: R;
}

export function request<R>() {
  return <P extends z.ZodType>(params: P): RequestDef<P, R> => ({ params });
}

/** The bilingual tables whose codes a client formats in its user's language: backtest, data manager, order reasons. */
export type MessageCatalog = 'backtest' | 'data' | 'reason';
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Where an error's code is a key of one of the bilingual tables: which one (the tables share some codes, such as
 * NO_DATA, with other templates) and the template's parameters.
 */
export interface CatalogMessage {
  readonly catalog: MessageCatalog;
  readonly params: MessageParams;
}

/**
 * What a failed request answers: a stable code, a message for people (Chinese where the engine words it, for logs and
 * the CLI), the offending field where known, and the catalog with parameters where a client can word it in its
 * user's language.
 */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string | undefined;
  readonly catalog?: MessageCatalog | undefined;
  readonly params?: MessageParams | undefined;
}

export class ApiError extends Error implements ApiErrorBody {
  readonly catalog: MessageCatalog | undefined;
  readonly params: MessageParams | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    text?: CatalogMessage,
  ) {
    super(message);
    this.name = 'ApiError';
    this.catalog = text?.catalog;
    this.params = text?.params;
  }

  toJSON(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.catalog !== undefined ? { catalog: this.catalog, params: this.params ?? {} } : {}),
    };
  }
}

/** What a transport sends back for a failed request: an ApiError as it is, anything else as FAILED. */
export function errorBodyOf(e: unknown): ApiErrorBody {
  return e instanceof ApiError ? e.toJSON() : { code: 'FAILED', message: e instanceof Error ? e.message : String(e) };
}
