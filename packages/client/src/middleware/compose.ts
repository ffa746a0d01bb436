import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';

type OnRequest = (params: MiddlewareCallbackParams) => unknown;

/**
 * Runs the `onRequest` hooks of several small middlewares as one openapi-fetch middleware: each registered
 * middleware costs openapi-fetch an `await` per call, and these hooks are synchronous except when throttling
 * waits. The hooks only edit the request in place; a hook's promise delays the hooks after it.
 */
export function composeOnRequest(parts: Middleware[]): Middleware {
  const hooks = parts
    .map((part) => part.onRequest as OnRequest | undefined)
    .filter((hook) => hook !== undefined);
  const runFrom = (index: number, params: MiddlewareCallbackParams): Promise<undefined> | undefined => {
    for (let next = index; next < hooks.length; next++) {
      const result = hooks[next]?.(params);
      if (result instanceof Promise) return result.then(() => runFrom(next + 1, params));
    }
    return undefined;
  };
  return { onRequest: (params) => runFrom(0, params) };
}
