import type { Middleware } from 'openapi-fetch';

/** Sets `x-api-key` on every request. The key lives only in this closure. */
export function authMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('x-api-key', apiKey);
    },
  };
}
