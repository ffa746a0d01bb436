import type { RequestStep } from './steps.js';

/** Sets `x-api-key` on every request. The key lives only in this closure. */
export function authStep(apiKey: string): RequestStep {
  return (request) => {
    request.headers.set('x-api-key', apiKey);
    return undefined;
  };
}
