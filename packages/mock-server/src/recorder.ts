import type { FaultKind } from './faults.js';
import type { ValidationIssue } from './validation.js';

/** Replaces secret header values in recordings. */
export const REDACTED = '[REDACTED]';

/** One request as the mock server saw it. Secrets (the API key) are redacted before anything is stored. */
export interface RecordedRequest {
  /** 1, 2, 3, ... in arrival order. */
  seq: number;
  receivedAt: string;
  method: string;
  /** The path as sent (without the query string). */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names; the API key and other credentials are `[REDACTED]`. */
  headers: Record<string, string | string[]>;
  /** Parsed JSON body, the raw text for other bodies, `undefined` without a body. */
  body: unknown;
  /** SHA-256 (hex) of the raw body bytes, `undefined` without a body. */
  bodyHash: string | undefined;
  /** The matched operation, `undefined` when no operation matched. */
  operationId: string | undefined;
  pathTemplate: string | undefined;
  /** The Master API Key impersonation headers as sent. */
  impersonation: { userId?: string; email?: string };
  /** Whether the request matched the spec (parameters, body, impersonation); issues name each bad field. */
  validation: { valid: boolean; issues: ValidationIssue[] };
  /** The injected fault, if any. */
  fault: FaultKind | undefined;
  /** `true` when `enforceThrottle` answered 429 because the operation was called again too soon. */
  throttled: boolean;
  /** `true` when the request reached the handler and produced its response (the operation "ran"). */
  executed: boolean;
  /** The status sent, `undefined` when no response was sent (reset, hang). */
  status: number | undefined;
  /** `true` when the client went away before a response was sent. */
  aborted: boolean;
  /** Key for the idempotency view: an idempotency header, else method + path + query + body hash. */
  idempotencyKey: string;
  durationMs: number | undefined;
}

/** Executions grouped by idempotency key: proves no request was executed twice. */
export interface ExecutionGroup {
  key: string;
  method: string;
  path: string;
  /** How many requests with this key were executed (faulted attempts do not count). */
  executions: number;
  /** How many requests with this key arrived (every attempt, faulted or not). */
  attempts: number;
  /** `seq` of every attempt. */
  seqs: number[];
}

export interface ExecutionFilter {
  method?: string;
  operationId?: string;
  /** Only groups executed more than once. */
  duplicatesOnly?: boolean;
}

export function groupExecutions(
  requests: readonly RecordedRequest[],
  filter: ExecutionFilter = {},
): ExecutionGroup[] {
  const groups = new Map<string, ExecutionGroup>();
  for (const request of requests) {
    if (request.operationId === undefined) continue;
    if (filter.method && request.method !== filter.method.toUpperCase()) continue;
    if (filter.operationId && request.operationId !== filter.operationId) continue;
    let group = groups.get(request.idempotencyKey);
    if (!group) {
      group = {
        key: request.idempotencyKey,
        method: request.method,
        path: request.path,
        executions: 0,
        attempts: 0,
        seqs: [],
      };
      groups.set(request.idempotencyKey, group);
    }
    group.attempts += 1;
    group.seqs.push(request.seq);
    if (request.executed) group.executions += 1;
  }
  const all = [...groups.values()];
  return filter.duplicatesOnly ? all.filter((group) => group.executions > 1) : all;
}

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  secrets: ReadonlySet<string>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = secrets.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}
