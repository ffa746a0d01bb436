const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INLINE_WIDTH = 60;

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  const escaped = value.replace(/[\\'\n\r\t\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\u2028':
        return '\\u2028';
      case '\u2029':
        return '\\u2029';
      default:
        return `\\${c}`;
    }
  });
  return `'${escaped}'`;
}

/** An object key as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/**
 * A JSON value as a TypeScript literal in the project's style (single quotes, trailing commas), kept on one
 * line when it fits in `width` columns after `indent`, and broken over indented lines otherwise.
 */
export function tsLiteral(value: unknown, indent = 0, width = INLINE_WIDTH): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => tsLiteral(item, indent + 2));
    return wrap('[', ']', items, indent, false, width);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v, indent + 2)}`);
    return wrap('{', '}', entries, indent, true, width);
  }
  throw new Error(`docs: cannot write a ${typeof value} as a TypeScript literal`);
}

function wrap(
  open: string,
  close: string,
  items: string[],
  indent: number,
  spaced: boolean,
  width: number,
): string {
  if (items.length === 0) return `${open}${close}`;
  const pad = spaced ? ' ' : '';
  const inline = `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (!inline.includes('\n') && inline.length + indent <= width) return inline;
  const inner = ' '.repeat(indent + 2);
  return `${open}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${' '.repeat(indent)}${close}`;
}
