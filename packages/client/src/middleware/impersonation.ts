import type { Middleware } from 'openapi-fetch';
import { ReplyConfigError } from '../core/errors.js';

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

function unsafeCharacter(value: string): string | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x0d || code === 0x0a) return `a line break at index ${index}`;
    if (code < 0x20 || code === 0x7f) return `a control character at index ${index}`;
    if (code > 0x7e) return `a non-ASCII character at index ${index}`;
  }
  return undefined;
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
    const unsafe = unsafeCharacter(email);
    if (unsafe) fail(`email contains ${unsafe}`);
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
 * impersonation headers passed per call (`params.header`) with the same rules as `actAs`.
 */
export function impersonationMiddleware(header: ImpersonationHeader | undefined): Middleware {
  if (header) {
    const other = header.name === 'X-User-Id' ? 'X-User-Email' : 'X-User-Id';
    return {
      onRequest({ request }) {
        request.headers.delete(other);
        request.headers.set(header.name, header.value);
      },
    };
  }
  return {
    onRequest({ request }) {
      const userId = request.headers.get('x-user-id');
      const email = request.headers.get('x-user-email');
      if (userId === null && email === null) return;
      if (userId !== null && email !== null) fail('pass either X-User-Id or X-User-Email, not both');
      if (email !== null) impersonationHeader({ email });
      else impersonationHeader({ userId: /^\d+$/.test(userId ?? '') ? Number(userId) : userId });
    },
  };
}
