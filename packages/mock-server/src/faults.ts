import { ReplyMockConfigError } from './errors.js';
import { createRandom, type Random } from './prng.js';

/**
 * What can go wrong with a request:
 * - `429`: rate limited, with a `Retry-After` header (seconds); the request is not executed.
 * - `500` / `502` / `503`: server errors; the request is not executed.
 * - `reset`: the connection is reset before the request is executed (clients see a network error).
 * - `reset-after-execute`: the request is executed, then the connection is reset before the response is sent
 *   (the "lost response" case that makes blind POST retries dangerous).
 * - `hang`: no response at all until the client gives up or the server closes; not executed.
 */
export type FaultKind = 429 | 500 | 502 | 503 | 'reset' | 'reset-after-execute' | 'hang';

export const FAULT_KINDS: readonly FaultKind[] = [429, 500, 502, 503, 'reset', 'reset-after-execute', 'hang'];

/** Random faults, drawn per request from a seeded PRNG. Rates are probabilities in [0, 1]; their sum at most 1. */
export interface FaultOptions {
  /** Share of requests answered 429 with `Retry-After`. */
  rate429?: number;
  /** Share of requests answered with a 5xx status picked from `statuses5xx`. */
  rate5xx?: number;
  /** Share of requests whose connection is reset before execution. */
  rateReset?: number;
  /** Share of requests that never get a response. */
  hangRate?: number;
  /** Delay before every response, in milliseconds. */
  delayMs?: number;
  /** PRNG seed; the same seed and the same request order give the same faults. Default 1. */
  seed?: number | string;
  /** `Retry-After` value sent with 429 (and 503), in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** `Retry-After` as delay-seconds (`"2"`, default) or as an HTTP date that many seconds ahead. */
  retryAfterFormat?: RetryAfterFormat;
  /** Statuses `rate5xx` picks from, uniformly. Default `[500, 502, 503]`. */
  statuses5xx?: (500 | 502 | 503)[];
}

export type RetryAfterFormat = 'seconds' | 'http-date';

/** A fault for the next matching request(s), queued by tests. Filters are optional and all must match. */
export interface ScriptedFault {
  fault: FaultKind;
  /** How many matching requests get this fault. Default 1. */
  times?: number;
  method?: string;
  /** Matches the request path (case-insensitive) or the operation's path template. */
  path?: string;
  operationId?: string;
  retryAfterSeconds?: number;
  retryAfterFormat?: RetryAfterFormat;
  delayMs?: number;
}

export interface FaultDecision {
  fault: FaultKind | undefined;
  retryAfterSeconds: number;
  retryAfterFormat: RetryAfterFormat;
  delayMs: number;
  /** What decided: a request header, a scripted fault, the seeded PRNG, or nothing. */
  source: 'header' | 'script' | 'random' | 'none';
}

export interface FaultRequest {
  method: string;
  path: string;
  pathTemplate: string;
  operationId: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Request headers that script a fault per request (names lower-case). */
export const FAULT_HEADERS = {
  /** One of the fault kinds, or `none` to force a clean response. */
  fault: 'x-mock-fault',
  delayMs: 'x-mock-delay-ms',
  retryAfter: 'x-mock-retry-after',
} as const;

interface ResolvedOptions extends Required<Omit<FaultOptions, 'seed'>> {
  seed: number | string;
}

const DEFAULTS: ResolvedOptions = {
  rate429: 0,
  rate5xx: 0,
  rateReset: 0,
  hangRate: 0,
  delayMs: 0,
  seed: 1,
  retryAfterSeconds: 1,
  retryAfterFormat: 'seconds',
  statuses5xx: [500, 502, 503],
};

/** Validates fault options; throws `ReplyMockConfigError` naming the bad field. */
export function resolveFaultOptions(options: unknown, where = 'faults'): ResolvedOptions {
  if (options === undefined || options === null) return { ...DEFAULTS };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ReplyMockConfigError(`${where} must be an object (got ${JSON.stringify(options)})`);
  }
  const input = options as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in DEFAULTS)) {
      throw new ReplyMockConfigError(
        `${where}.${key} is not a fault option (known: ${Object.keys(DEFAULTS).join(', ')})`,
      );
    }
  }
  const out: ResolvedOptions = { ...DEFAULTS };
  for (const key of ['rate429', 'rate5xx', 'rateReset', 'hangRate'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new ReplyMockConfigError(
        `${where}.${key} must be a number between 0 and 1 (got ${JSON.stringify(value)})`,
      );
    }
    out[key] = value;
  }
  const sum = out.rate429 + out.rate5xx + out.rateReset + out.hangRate;
  if (sum > 1 + 1e-9) {
    throw new ReplyMockConfigError(
      `${where}: rate429 + rate5xx + rateReset + hangRate must be at most 1 (got ${sum})`,
    );
  }
  for (const key of ['delayMs', 'retryAfterSeconds'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ReplyMockConfigError(
        `${where}.${key} must be a non-negative integer (got ${JSON.stringify(value)})`,
      );
    }
    out[key] = value;
  }
  if (input.seed !== undefined) {
    if (
      !(typeof input.seed === 'string' || (typeof input.seed === 'number' && Number.isFinite(input.seed)))
    ) {
      throw new ReplyMockConfigError(
        `${where}.seed must be a number or a string (got ${JSON.stringify(input.seed)})`,
      );
    }
    out.seed = input.seed;
  }
  if (input.retryAfterFormat !== undefined) {
    out.retryAfterFormat = checkRetryAfterFormat(input.retryAfterFormat, `${where}.retryAfterFormat`);
  }
  if (input.statuses5xx !== undefined) {
    const list = input.statuses5xx;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((status) => ![500, 502, 503].includes(status))
    ) {
      throw new ReplyMockConfigError(
        `${where}.statuses5xx must be a non-empty array of 500, 502, 503 (got ${JSON.stringify(list)})`,
      );
    }
    out.statuses5xx = [...list];
  }
  return out;
}

function checkRetryAfterFormat(value: unknown, where: string): RetryAfterFormat {
  if (value !== 'seconds' && value !== 'http-date') {
    throw new ReplyMockConfigError(
      `${where} must be "seconds" or "http-date" (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** Parses a fault kind from a header, CLI flag or JSON value (`429`, `"503"`, `"reset"`). */
export function parseFaultKind(value: unknown): FaultKind | undefined {
  const text = String(value).trim().toLowerCase();
  return FAULT_KINDS.find((kind) => String(kind) === text);
}

function resolveScripted(
  entry: unknown,
  where: string,
): Required<Pick<ScriptedFault, 'fault' | 'times'>> & ScriptedFault {
  const input = (typeof entry === 'object' && entry !== null ? entry : { fault: entry }) as Record<
    string,
    unknown
  >;
  const fault = parseFaultKind(input.fault);
  if (fault === undefined) {
    throw new ReplyMockConfigError(
      `${where}.fault must be one of ${FAULT_KINDS.join(', ')} (got ${JSON.stringify(input.fault)})`,
    );
  }
  const times = input.times ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
    throw new ReplyMockConfigError(
      `${where}.times must be a positive integer (got ${JSON.stringify(times)})`,
    );
  }
  for (const key of ['method', 'path', 'operationId'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'string') {
      throw new ReplyMockConfigError(`${where}.${key} must be a string (got ${JSON.stringify(input[key])})`);
    }
  }
  for (const key of ['retryAfterSeconds', 'delayMs'] as const) {
    const value = input[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new ReplyMockConfigError(
        `${where}.${key} must be a non-negative integer (got ${JSON.stringify(value)})`,
      );
    }
  }
  if (input.retryAfterFormat !== undefined)
    checkRetryAfterFormat(input.retryAfterFormat, `${where}.retryAfterFormat`);
  return { ...(input as unknown as ScriptedFault), fault, times };
}

/** Decides per request which fault (if any) to inject: header first, then the script queue, then the PRNG. */
export class FaultInjector {
  #options: ResolvedOptions;
  #random: Random;
  #script: (ScriptedFault & { times: number })[] = [];

  constructor(options?: FaultOptions) {
    this.#options = resolveFaultOptions(options);
    this.#random = createRandom(this.#options.seed);
  }

  /** Replaces the random fault settings and restarts the PRNG from the (new) seed. */
  configure(options: FaultOptions | undefined): void {
    this.#options = resolveFaultOptions(options);
    this.#random = createRandom(this.#options.seed);
  }

  /** Queues faults for the next matching requests, in order. */
  script(entries: (ScriptedFault | FaultKind)[], where = 'script'): void {
    const resolved = entries.map((entry, index) => resolveScripted(entry, `${where}[${index}]`));
    this.#script.push(...resolved);
  }

  /** Turns every fault off: random rates to 0 (seed and PRNG restart) and the script emptied. */
  clear(): void {
    this.configure(undefined);
    this.#script = [];
  }

  get state(): { options: ResolvedOptions; script: ScriptedFault[] } {
    return { options: { ...this.#options }, script: this.#script.map((entry) => ({ ...entry })) };
  }

  decide(request: FaultRequest): FaultDecision {
    // Two draws per request whatever decides, so headers and scripts never shift the random sequence.
    const kindDraw = this.#random();
    const statusDraw = this.#random();
    const base = {
      retryAfterSeconds: this.#options.retryAfterSeconds,
      retryAfterFormat: this.#options.retryAfterFormat,
      delayMs: this.#options.delayMs,
    };
    const headerDelay = numberHeader(request.headers[FAULT_HEADERS.delayMs]);
    const headerRetryAfter = numberHeader(request.headers[FAULT_HEADERS.retryAfter]);
    if (headerDelay !== undefined) base.delayMs = headerDelay;
    if (headerRetryAfter !== undefined) base.retryAfterSeconds = headerRetryAfter;

    const header = firstHeader(request.headers[FAULT_HEADERS.fault]);
    if (header !== undefined) {
      if (header.trim().toLowerCase() === 'none') return { ...base, fault: undefined, source: 'header' };
      const fault = parseFaultKind(header);
      if (fault === undefined) {
        throw new ReplyMockConfigError(
          `${FAULT_HEADERS.fault} header must be one of ${FAULT_KINDS.join(', ')}, none (got ${JSON.stringify(header)})`,
        );
      }
      return { ...base, fault, source: 'header' };
    }

    const index = this.#script.findIndex((entry) => scriptMatches(entry, request));
    if (index >= 0) {
      const entry = this.#script[index] as ScriptedFault & { times: number };
      entry.times -= 1;
      if (entry.times <= 0) this.#script.splice(index, 1);
      return {
        fault: entry.fault,
        retryAfterSeconds: entry.retryAfterSeconds ?? base.retryAfterSeconds,
        retryAfterFormat: entry.retryAfterFormat ?? base.retryAfterFormat,
        delayMs: entry.delayMs ?? base.delayMs,
        source: 'script',
      };
    }

    const { rateReset, rate429, rate5xx, hangRate, statuses5xx } = this.#options;
    // One draw partitions [0, 1): reset | 429 | 5xx | hang | clean, so the rates are exact shares.
    let edge = rateReset;
    if (kindDraw < edge) return { ...base, fault: 'reset', source: 'random' };
    edge += rate429;
    if (kindDraw < edge) return { ...base, fault: 429, source: 'random' };
    edge += rate5xx;
    if (kindDraw < edge) {
      const status = statuses5xx[Math.floor(statusDraw * statuses5xx.length)] ?? 500;
      return { ...base, fault: status, source: 'random' };
    }
    edge += hangRate;
    if (kindDraw < edge) return { ...base, fault: 'hang', source: 'random' };
    return { ...base, fault: undefined, source: 'none' };
  }
}

function scriptMatches(entry: ScriptedFault, request: FaultRequest): boolean {
  if (entry.method && entry.method.toUpperCase() !== request.method) return false;
  if (entry.operationId && entry.operationId !== request.operationId) return false;
  if (entry.path) {
    const path = entry.path.toLowerCase();
    if (path !== request.path.toLowerCase() && path !== request.pathTemplate.toLowerCase()) return false;
  }
  return true;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  const text = firstHeader(value);
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
