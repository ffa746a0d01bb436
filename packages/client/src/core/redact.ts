/** Node's `util.inspect` hook, used without importing `node:util` (the package runs on any fetch runtime). */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

export const REDACTED = '[redacted]';

/** Header names whose values never leave the client: the key, impersonation, and credentials in general. */
const secretHeaders = new Set([
  'x-api-key',
  'x-user-id',
  'x-user-email',
  'authorization',
  'cookie',
  'set-cookie',
]);

/** Headers as a plain object with lower-case names and secret values replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    plain[name] = secretHeaders.has(name) ? REDACTED : value;
  });
  return plain;
}

/** Replaces every occurrence of each secret inside strings of `value` (deeply), returning a copy when needed. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    let text: string = value;
    for (const secret of secrets) if (secret) text = text.split(secret).join(REDACTED);
    return text as T;
  }
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      copy[scrubSecrets(key, secrets)] = scrubSecrets(item, secrets);
    return copy as T;
  }
  return value;
}
