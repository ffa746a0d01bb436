import type { FetchLike } from '../src/options.js';
import { type OffSpec, recordForContract } from './contract.js';

/** A request as the fake server saw it: method, path + query, lower-case headers, body text. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (request: SeenRequest, index: number) => Response | Promise<Response>;

export interface ObservedFetchOptions {
  /**
   * Why this fetch's requests may break the spec (a made-up path, a body the test wants refused). Without it,
   * every request must match the curated spec or the test file fails (`test/contract.ts`, ADR 0026).
   */
  offSpec?: string;
}

/**
 * An injected fetch that records every request (reading its body, so a re-sent body is visible) and answers
 * with `handler`. It honours `init.signal` like a real fetch. Each request is also checked against the spec
 * when the test file ends.
 */
export function observedFetch(
  handler: Handler,
  options: ObservedFetchOptions = {},
): { fetch: FetchLike; seen: SeenRequest[] } {
  if (options.offSpec !== undefined && options.offSpec.trim() === '') {
    throw new Error('observedFetch: offSpec needs a reason (got an empty string)');
  }
  const offSpec: OffSpec | undefined =
    options.offSpec === undefined ? undefined : { reason: options.offSpec };
  const seen: SeenRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const signal = init?.signal ?? input.signal;
    if (signal?.aborted) throw signal.reason;
    recordForContract(input, offSpec);
    const url = new URL(input.url);
    const request: SeenRequest = {
      method: input.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(input.headers),
      body: input.body === null ? '' : await input.text(),
    };
    seen.push(request);
    const answer = Promise.resolve(handler(request, seen.length - 1));
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
  return { fetch, seen };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A fetch failure the way undici reports it: `TypeError('fetch failed')` with a coded cause. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  return new TypeError('fetch failed', { cause });
}

/** A promise that never settles unless the signal aborts (a hung server). */
export function hang(): Promise<Response> {
  return new Promise(() => undefined);
}

/** Fast retry settings for tests: no real waiting. */
export const fastRetries = { retryDelayMs: 1, maxRetryDelayMs: 2, maxRetryAfterMs: 2_000 } as const;
