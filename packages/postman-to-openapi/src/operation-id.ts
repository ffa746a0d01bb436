/**
 * operationIds: camelCase of the request name (`Get Contact (by ID)` → `getContactById`), unique in the
 * document through a numeric suffix given in collection order, so the same collection always gets the same ids.
 */

const WORD = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|\p{Lo}+/gu;

const NON_ASCII = /[^\u0020-\u007e\t\n\r]/;

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

/** Append one word in camelCase position: the first word all lower case, later ones capitalized. */
function appendWord(result: string, word: string): string {
  const lower = word.toLowerCase();
  return result === '' ? lower : result + lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * ASCII words, read by hand (operationIds are made for every operation; a regex match allocates a list):
 * an upper-case run before a capitalized word (`HTML` in `HTMLParser`), a capitalized or lower-case word,
 * an upper-case run, a digit run; anything else separates words.
 */
function asciiCamelCase(text: string): string {
  let result = '';
  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    let end = index + 1;
    if (isUpper(code)) {
      while (end < length && isUpper(text.charCodeAt(end))) end++;
      if (end < length && isLower(text.charCodeAt(end))) {
        // `HTMLParser`: the run without its last letter is a word, and that letter starts the next one.
        if (end - index >= 2) end--;
        else while (end < length && isLower(text.charCodeAt(end))) end++;
      }
    } else if (isLower(code)) {
      while (end < length && isLower(text.charCodeAt(end))) end++;
    } else if (isDigit(code)) {
      while (end < length && isDigit(text.charCodeAt(end))) end++;
    } else {
      index = end;
      continue;
    }
    result = appendWord(result, text.slice(index, end));
    index = end;
  }
  return result;
}

export function camelCase(text: string): string {
  // Names are nearly always ASCII: the Unicode-aware path (accents stripped) only runs when needed.
  if (!NON_ASCII.test(text)) return asciiCamelCase(text);
  const words = text.normalize('NFKD').replace(/\p{M}/gu, '').match(WORD) ?? [];
  let result = '';
  for (const word of words) result = appendWord(result, word);
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
