import { configError, isNumber, mustBe } from '../core/check.js';
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
const where = 'actAs';
const either = 'pass { email } or { userId }';

/** Checks an `actAs` argument; throws `ReplyConfigError` saying what is wrong. */
export function impersonationHeader(identity: unknown): ImpersonationHeader {
  if (identity === null || typeof identity !== 'object') configError(where, either);
  const { email, userId, ...rest } = identity as { email?: unknown; userId?: unknown };
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0)
    configError(
      where,
      `unknown option ${unknownKeys.map((key) => JSON.stringify(key)).join(', ')}; ${either}`,
    );
  if (email !== undefined) {
    if (userId !== undefined) configError(where, 'pass either email or userId, not both');
    if (typeof email !== 'string') mustBe(where, 'email', 'string', typeof email);
    // Header injection guard: CR/LF, other control characters and non-ASCII never reach a header.
    const bad = email.search(/[^\x20-\x7e]/);
    if (bad >= 0)
      configError(where, `email contains a line break, control or non-ASCII character at index ${bad}`);
    if (!emailPattern.test(email))
      configError(where, `email ${JSON.stringify(email)} is not a valid e-mail address`);
    return { name: 'X-User-Email', value: email };
  }
  if (userId === undefined) configError(where, either);
  if (!isNumber(userId, 'positive integer')) {
    const type = typeof userId;
    mustBe(
      where,
      'userId',
      'positive integer',
      type === 'number'
        ? userId
        : `${type} ${type === 'string' ? JSON.stringify(userId).slice(0, 40) : String(userId)}`,
    );
  }
  return { name: 'X-User-Id', value: String(userId) };
}

/**
 * On an `actAs` client, sets its impersonation header (replacing any per-call one). On other clients, checks
 * impersonation headers passed per call (`params.header`, `headers`) with the same rules as `actAs`.
 */
export function impersonationStep(header: ImpersonationHeader | undefined): RequestStep {
  return ({ headers }) => {
    if (header) {
      headers.delete(header.name === 'X-User-Id' ? 'X-User-Email' : 'X-User-Id');
      headers.set(header.name, header.value);
      return undefined;
    }
    const userId = headers.get('x-user-id');
    const email = headers.get('x-user-email');
    if (email !== null) {
      if (userId !== null) configError(where, 'pass either X-User-Id or X-User-Email, not both');
      impersonationHeader({ email });
    } else if (userId !== null)
      impersonationHeader({ userId: /^\d+$/.test(userId) ? Number(userId) : userId });
    return undefined;
  };
}
