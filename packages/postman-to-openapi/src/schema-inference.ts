import type { JsonSchema } from './openapi.js';

/**
 * Infers one JSON Schema from many JSON samples. Samples are folded into a `Shape` accumulator first, so
 * inference is one pass over the data whatever the number of examples, and property order is first-seen.
 */

const NULL = 1;
const BOOLEAN = 2;
const INTEGER = 4;
const NUMBER = 8;
const STRING = 16;
const ARRAY = 32;
const OBJECT = 64;

/** A string format we claim only when every string sample matches it. */
export type StringFormat = 'date-time' | 'email' | 'uri';

/** Accumulated facts about every sample seen at one position of the data. */
export interface Shape {
  types: number;
  /** Number of object samples, to decide `required`. */
  objects: number;
  /** Number of object samples of the parent that have this property. */
  present: number;
  /** Property names in first-seen order, and their shapes at the same index (no Map per object position). */
  keys: string[] | undefined;
  children: Shape[] | undefined;
  /** Name → index, built only for objects with many properties seen in a changing order. */
  index: Map<string, number> | undefined;
  items: Shape | undefined;
  /** undefined: no string seen yet; null: strings disagree or match no format. */
  format: StringFormat | null | undefined;
}

export function createShape(): Shape {
  return {
    types: 0,
    objects: 0,
    present: 0,
    keys: undefined,
    children: undefined,
    index: undefined,
    items: undefined,
    format: undefined,
  };
}

// RFC 5321/5322 dot-atom address with a DNS host name, the form strict validators accept.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// Absolute URL using only what RFC 3986 allows unescaped (no brackets, braces, spaces; `%` only as an escape).
const URI =
  /^(?:https?|ftp|wss?):\/\/(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+(?::\d*)?(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(value: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/**
 * A real RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, offset required as JSON Schema's
 * `date-time` demands): the pattern and the calendar (no 31 April, no 25 o'clock). Read character by
 * character: it runs on every string sample, and a regex match would allocate its captures each time.
 */
export function isDateTime(value: string): boolean {
  const length = value.length;
  if (length < 20) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  const separator = value.charCodeAt(10);
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    (separator !== 84 && separator !== 116 && separator !== 32) ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58
  )
    return false;
  let index = 19;
  if (value.charCodeAt(index) === 46) {
    // Fraction of a second: at least one digit.
    index++;
    const digitsFrom = index;
    while (index < length && digitsAt(value, index, 1) >= 0) index++;
    if (index === digitsFrom) return false;
  }
  const zone = value.charCodeAt(index);
  if (zone === 90 || zone === 122) {
    if (index + 1 !== length) return false;
  } else if (zone === 43 || zone === 45) {
    if (index + 6 !== length || value.charCodeAt(index + 3) !== 58) return false;
    const offsetHour = digitsAt(value, index + 1, 2);
    const offsetMinute = digitsAt(value, index + 4, 2);
    if (offsetHour < 0 || offsetMinute < 0 || offsetHour > 23 || offsetMinute > 59) return false;
  } else {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

/** The format a single string matches, if any. Cheap first-character checks keep this off the hot path. */
export function detectFormat(value: string): StringFormat | null {
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57) return isDateTime(value) ? 'date-time' : null;
  if (value.includes('://')) return URI.test(value) ? 'uri' : null;
  if (value.includes('@')) return EMAIL.test(value) ? 'email' : null;
  return null;
}

/** Objects with at most this many properties look a name up by scanning instead of through an index. */
const SCAN_LIMIT = 12;

/** The shape of property `key`, created on first sight; `hint` is where the key usually sits (same order). */
function propertyShape(shape: Shape, key: string, hint: number): Shape {
  const keys = shape.keys as string[];
  const children = shape.children as Shape[];
  if (keys[hint] === key) return children[hint] as Shape;
  let found = -1;
  if (keys.length <= SCAN_LIMIT) found = keys.indexOf(key);
  else {
    if (shape.index === undefined) {
      shape.index = new Map();
      for (let index = 0; index < keys.length; index++) shape.index.set(keys[index] as string, index);
    }
    found = shape.index.get(key) ?? -1;
  }
  if (found !== -1) return children[found] as Shape;
  const child = createShape();
  shape.index?.set(key, keys.length);
  keys.push(key);
  children.push(child);
  return child;
}

/** Fold one sample into a shape. */
export function addSample(shape: Shape, value: unknown): void {
  if (value === null || value === undefined) {
    shape.types |= NULL;
    return;
  }
  switch (typeof value) {
    case 'boolean':
      shape.types |= BOOLEAN;
      return;
    case 'number':
      shape.types |= Number.isInteger(value) ? INTEGER : NUMBER;
      return;
    case 'string': {
      shape.types |= STRING;
      if (shape.format !== null) {
        const format = value === '' ? null : detectFormat(value);
        shape.format = shape.format === undefined || shape.format === format ? format : null;
      }
      return;
    }
    case 'object':
      break;
    default:
      shape.types |= STRING;
      shape.format = null;
      return;
  }
  if (Array.isArray(value)) {
    shape.types |= ARRAY;
    if (value.length > 0) {
      shape.items ??= createShape();
      for (let index = 0; index < value.length; index++) addSample(shape.items, value[index]);
    }
    return;
  }
  shape.types |= OBJECT;
  shape.objects++;
  shape.keys ??= [];
  shape.children ??= [];
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const child = propertyShape(shape, key, index);
    child.present++;
    addSample(child, (value as Record<string, unknown>)[key]);
  }
}

/** Type names in the order they are listed when a position holds several types; `null` always last. */
const TYPE_ORDER: Array<[number, string]> = [
  [OBJECT, 'object'],
  [ARRAY, 'array'],
  [STRING, 'string'],
  [INTEGER, 'integer'],
  [NUMBER, 'number'],
  [BOOLEAN, 'boolean'],
  [NULL, 'null'],
];

/** The `type` names of every combination of type bits, computed once. */
const TYPE_NAMES: string[][] = Array.from({ length: 128 }, (_, types) =>
  TYPE_ORDER.filter(([bit]) => types & bit).map(([, name]) => name),
);

/** Turn an accumulated shape into a JSON Schema. An empty shape (no samples) gives `{}`. */
export function shapeToSchema(shape: Shape): JsonSchema {
  let types = shape.types;
  // Integers seen next to fractional numbers mean the field is a number.
  if (types & INTEGER && types & NUMBER) types &= ~INTEGER;
  const names = TYPE_NAMES[types] as string[];
  const schema: JsonSchema = {};
  if (names.length === 1) schema.type = names[0];
  else if (names.length > 1) schema.type = names.slice();
  if (types & STRING && shape.format) schema.format = shape.format;
  if (types & OBJECT && shape.keys) {
    const keys = shape.keys;
    const children = shape.children as Shape[];
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const objects = shape.objects;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const child = children[index] as Shape;
      setEntry(properties, key, shapeToSchema(child));
      if (child.present === objects) required.push(key);
    }
    if (keys.length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  if (types & ARRAY && shape.items) schema.items = shapeToSchema(shape.items);
  return schema;
}

/** Infer one schema from several samples. */
export function inferSchema(samples: readonly unknown[]): JsonSchema {
  if (samples.length === 1) return sampleSchema(samples[0]);
  const shape = createShape();
  for (let index = 0; index < samples.length; index++) addSample(shape, samples[index]);
  return shapeToSchema(shape);
}

/**
 * The schema of one sample, built straight from the value: exactly what folding it into an empty shape and
 * converting that would give (every property required, one type each), without the throwaway shapes.
 */
export function sampleSchema(value: unknown): JsonSchema {
  if (value === null || value === undefined) return { type: 'null' };
  switch (typeof value) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'string': {
      const format = value === '' ? null : detectFormat(value);
      return format ? { type: 'string', format } : { type: 'string' };
    }
    case 'object':
      break;
    default:
      return { type: 'string' };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { type: 'array' };
    return { type: 'array', items: inferSchema(value) };
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { type: 'object' };
  const properties: Record<string, JsonSchema> = {};
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    setEntry(properties, key, sampleSchema((value as Record<string, unknown>)[key]));
  }
  // A single object has every one of its properties: the fresh key list is the `required` list.
  return { type: 'object', properties, required: keys };
}

/** An integer key far above any real one: storing it once moves an object's integer keys into a dictionary. */
const SPARSE_INDEX = 2 ** 30;

/**
 * Set a key that comes from user data (it may be `__proto__`) as an own enumerable property. An integer key
 * of 100 or more (a status code such as `404`) would make V8 back the object with a holey array of that
 * length (5 kB for one `404`), so such objects get dictionary elements first; key order is unchanged.
 */
export function setEntry<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const first = key.charCodeAt(0);
  if (first >= 48 && first <= 57 && key.length >= 3 && !Object.hasOwn(target, SPARSE_INDEX)) {
    (target as Record<number, T>)[SPARSE_INDEX] = value;
    delete (target as Record<number, T>)[SPARSE_INDEX];
  }
  target[key] = value;
}

/** The type a Postman string value (query, header, form field) most likely carries. */
export type ScalarKind = 'integer' | 'number' | 'boolean' | 'date-time' | 'string';

const INTEGER_TEXT = /^-?(?:0|[1-9]\d{0,14})$/;
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Classify a textual value; `undefined` when it tells nothing (empty or a `{{variable}}`). */
export function classifyText(value: string | undefined | null): ScalarKind | undefined {
  if (value == null || value === '' || value.includes('{{')) return undefined;
  if (INTEGER_TEXT.test(value)) return 'integer';
  if (NUMBER_TEXT.test(value)) return 'number';
  if (value === 'true' || value === 'false') return 'boolean';
  if (isDateTime(value)) return 'date-time';
  return 'string';
}

/** The kind that covers every kind seen; no kinds at all means string. */
export function combineKinds(kinds: Iterable<ScalarKind>): ScalarKind {
  let result: ScalarKind | undefined;
  for (const kind of kinds) {
    if (result === undefined || result === kind) result = kind;
    else if ((result === 'integer' && kind === 'number') || (result === 'number' && kind === 'integer'))
      result = 'number';
    else return 'string';
  }
  return result ?? 'string';
}

export function kindSchema(kind: ScalarKind): JsonSchema {
  return kind === 'date-time' ? { type: 'string', format: 'date-time' } : { type: kind };
}

/** The typed value of a textual sample, for `example` fields. */
export function typedValue(value: string, kind: ScalarKind): unknown {
  if (kind === 'integer' || kind === 'number') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  if (kind === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
