import type { ReplyLogger } from '../options.js';

/** What each layer of the transport knows about the call it is sending. */
export interface CallContext {
  /** Upper-case HTTP method. */
  method: string;
  /** URL path without the query string, for messages and logs. */
  path: string;
  /** Timeout of each attempt in milliseconds. */
  timeoutMs: number;
  /** Retries allowed for this call. */
  maxRetries: number;
  /** 0 for the first attempt, then 1, 2, ... */
  attempt: number;
  logger: ReplyLogger | undefined;
}

/** One layer of the transport: sends one attempt of a call. */
export type Send = (request: Request, call: CallContext) => Promise<Response>;
