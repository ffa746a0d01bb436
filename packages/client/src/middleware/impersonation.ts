import { ReplyConfigError } from '../core/errors.js';
import type { RequestStep } from './steps.js';

/** Whom a Master API Key acts as: exactly one of a user's e-mail or numeric id. */
export type Impersonation = { email: string; userId?: never } | { userId: number; email?: never };

/** The validated header to send: `X-User-Email` or `X-User-Id`. */
export interface ImpersonationHeader {
  name: 'X-User-Email' | 'X-User-Id';
  value: string;
}

// Deliberately simple: one @, no spaces, a dot in the domain; the server does the real check.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function fail(message: string): never {
  throw new ReplyConfigError(`actAs: ${message}`);
}

/** Checks an `actAs` argument; throws `ReplyConfigError` saying what is wrong. */
export function impersonationHeader(identity: unknown): ImpersonationHeader {
  if (identity === null || typeof identity !== 'object') fail('pass { email } or { userId }');
  const { email, userId, ...rest } = identity as { email?: unknown; userId?: unknown };
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0)
    fail(
      `unknown option ${unknownKeys.map((key) => JSON.stringify(key)).join(', ')}; pass { email } or { userId }`,
    );
  if (email !== undefined && userId !== undefined) fail('pass either email or userId, not both');
  if (email === undefined && userId === undefined) fail('pass { email } or { userId }');
  if (email !== undefined) {
    if (typeof email !== 'string') fail(`email must be a string (got ${typeof email})`);
    // Header injection guard: CR/LF, other control characters and non-ASCII never reach a header.
    const bad = email.search(/[^\x20-\x7e]/);
    if (bad >= 0) fail(`email contains a line break, control or non-ASCII character at index ${bad}`);
    if (!emailPattern.test(email)) fail(`email ${JSON.stringify(email)} is not a valid e-mail address`);
    return { name: 'X-User-Email', value: email };
  }
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || userId <= 0) {
    const shown = typeof userId === 'string' ? JSON.stringify(userId).slice(0, 40) : String(userId);
    fail(
      `userId must be a positive integer (got ${typeof userId === 'number' ? shown : `${typeof userId} ${shown}`})`,
    );
  }
  return { name: 'X-User-Id', value: String(userId) };
}

/**
 * On an `actAs` client, sets its impersonation header (replacing any per-call one). On other clients, checks
 * impersonation headers passed per call (`params.header`, `headers`) with the same rules as `actAs`.
 */
export function impersonationStep(header: ImpersonationHeader | undefined): RequestStep {
  if (header) {
    const other = header.name === 'X-User-Id' ? 'X-User-Email' : 'X-User-Id';
    return (request) => {
      request.headers.delete(other);
      request.headers.set(header.name, header.value);
      return undefined;
    };
  }
  return (request) => {
    const userId = request.headers.get('x-user-id');
    const email = request.headers.get('x-user-email');
    if (userId === null && email === null) return undefined;
    if (userId !== null && email !== null) fail('pass either X-User-Id or X-User-Email, not both');
    if (email !== null) impersonationHeader({ email });
    else impersonationHeader({ userId: /^\d+$/.test(userId ?? '') ? Number(userId) : userId });
    return undefined;
  };
}
