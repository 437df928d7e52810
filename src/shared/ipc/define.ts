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

/** What a failed request answers: a stable code, a message for people, and the offending field where known. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string | undefined;
}

export class ApiError extends Error implements ApiErrorBody {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
