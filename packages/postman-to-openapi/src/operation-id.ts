/**
 * operationIds: camelCase of the request name (`Get Contact (by ID)` → `getContactById`), unique in the
 * document through a numeric suffix given in collection order, so the same collection always gets the same ids.
 */

const WORD = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|\p{Lo}+/gu;

const ASCII_WORD = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;
const NON_ASCII = /[^\u0020-\u007e\t\n\r]/;

export function camelCase(text: string): string {
  // Names are nearly always ASCII: the Unicode-aware path (accents stripped) only runs when needed.
  const words = NON_ASCII.test(text)
    ? (text.normalize('NFKD').replace(/\p{M}/gu, '').match(WORD) ?? [])
    : (text.match(ASCII_WORD) ?? []);
  let result = '';
  for (const word of words) {
    const lower = word.toLowerCase();
    result += result === '' ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
  }
  return result;
}

/** Hands out unique operationIds. */
export class OperationIdRegistry {
  private readonly used = new Set<string>();
  /** Next suffix to try per base id, so many requests of one name stay linear. */
  private readonly nextSuffix = new Map<string, number>();

  /** A unique id for `name`; `fallback` (e.g. `get /users/{id}`) is used when the name has no letters or digits. */
  take(name: string, fallback: string): string {
    const base = camelCase(name) || camelCase(fallback) || 'operation';
    let id = base;
    let suffix = this.nextSuffix.get(base) ?? 2;
    while (this.used.has(id)) id = `${base}${suffix++}`;
    this.nextSuffix.set(base, suffix);
    this.used.add(id);
    return id;
  }
}
