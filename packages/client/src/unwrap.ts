import { apiErrorFrom } from './core/errors.js';
import { pathOf } from './transport/call.js';
import { responseOrigins } from './transport/transport.js';

/** The shape every client method resolves to (openapi-fetch's `{ data, error, response }`). */
export interface ReplyResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The `data` of the success branch of a result union. */
export type UnwrappedData<T> = T extends { data: infer Data } ? Data : never;

/**
 * Awaits a call and returns its `data`, or throws the typed error for its status: `BadRequestError` (400),
 * `AuthenticationError` (401), `PermissionDeniedError` (403), `NotFoundError` (404), `RateLimitError` (429),
 * `InternalServerError` (5xx), else `ReplyApiError`. Connection failures and timeouts reject the call itself
 * with `ReplyConnectionError` / `ReplyTimeoutError`, which `unwrap` passes through.
 */
export async function unwrap<T extends ReplyResult>(result: T | PromiseLike<T>): Promise<UnwrappedData<T>> {
  const { data, error, response } = await result;
  if (response.ok) return data as UnwrappedData<T>;
  const origin = responseOrigins.get(response) ?? {
    method: 'UNKNOWN',
    path: pathOf(response.url || '/'),
    secrets: [],
  };
  throw apiErrorFrom(origin, response, error, origin.secrets);
}
