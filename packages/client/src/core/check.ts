import { ReplyConfigError } from './errors.js';

/** Throws the one-line `ReplyConfigError` "`where`: `text`". */
export function configError(where: string, text: string): never {
  throw new ReplyConfigError(`${where}: ${text}`);
}

/** Throws "`where`: `name` must be a(n) `rule` (got `got`)". */
export function mustBe(where: string, name: string, rule: string, got: unknown): never {
  return configError(
    where,
    `${name} must be a${/^[aeiou]/.test(rule) ? 'n' : ''} ${rule} (got ${String(got)})`,
  );
}

/**
 * Whether `value` is a finite number meeting `rule`, which is also the wording of the error: "positive ...",
 * "non-negative ...", "... integer ..." (a safe integer), "number in (0, 1]".
 */
export function isNumber(value: unknown, rule: string): value is number {
  return (
    typeof value === 'number' &&
    (rule.startsWith('non') ? value >= 0 : value > 0) &&
    (rule.includes('integer') ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    !(rule.endsWith(']') && value > 1)
  );
}
