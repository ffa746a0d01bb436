import { type ParseError, parse as parseJsonc, visit as visitJsonc } from 'jsonc-parser';
import type { WarningSink } from './errors.js';
import type { PostmanBody, PostmanFormField } from './types.js';
import { descriptionText } from './types.js';

/** One request's or response's body, reduced to what the OpenAPI content needs. */
export type BodySample =
  | { kind: 'json'; mediaType: string; value: unknown }
  | { kind: 'text'; mediaType: string; value: string }
  | {
      kind: 'form';
      mediaType: 'application/x-www-form-urlencoded' | 'multipart/form-data';
      fields: FormFieldSample[];
    }
  | { kind: 'binary'; mediaType: string };

export interface FormFieldSample {
  key: string;
  value: string | undefined;
  file: boolean;
  disabled: boolean;
  description: string | undefined;
}

const NOT_JSON = Symbol('not-json');
const MAYBE_JSONC = /(?<!:)\/\/|\/\*|,\s*[}\]]/;

/** Thrown from a jsonc-parser visitor to stop at the first syntax error. */
const STOP = new Error('stop');
const STOP_AT_ERROR = {
  onError() {
    throw STOP;
  },
};

/** True when the text is JSON once comments and trailing commas are allowed; stops at the first error. */
function isJsonc(text: string): boolean {
  try {
    visitJsonc(text, STOP_AT_ERROR, { allowTrailingComma: true, disallowComments: false });
    return true;
  } catch (error) {
    if (error === STOP) return false;
    throw error;
  }
}

/** Parse JSON, tolerating comments and trailing commas (as Postman does); NOT_JSON when it is not JSON. */
export function parseJsonText(text: string): unknown | typeof NOT_JSON {
  try {
    return JSON.parse(text);
  } catch {
    // Only comments or trailing commas can make jsonc-parser succeed where JSON.parse failed; most almost-JSON
    // bodies fail early, so a cheap error-stopping scan comes before building the value.
    if (!MAYBE_JSONC.test(text) || !isJsonc(text)) return NOT_JSON;
    const errors: ParseError[] = [];
    const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
    return errors.length === 0 && value !== undefined ? value : NOT_JSON;
  }
}

/** `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

const LANGUAGE_MEDIA_TYPES: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
};

/** The media type a Postman language hint (`options.raw.language`, `_postman_previewlanguage`) stands for. */
export function languageMediaType(language: string | null | undefined): string | undefined {
  return typeof language === 'string' ? LANGUAGE_MEDIA_TYPES[language.toLowerCase()] : undefined;
}

/** The first character that is not whitespace ('' when there is none), without copying the text. */
export function firstSignificant(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9 && code !== 0xfeff) return text.charAt(index);
  }
  return '';
}

function looksLikeJson(text: string): boolean {
  const first = firstSignificant(text);
  return first === '{' || first === '[';
}

/**
 * Turn a textual body into a sample. JSON media types (declared or sniffed) are parsed; a body declared as
 * JSON that does not parse becomes a `text/plain` example plus a warning.
 */
export function textBodySample(
  text: string,
  declaredMediaType: string | undefined,
  location: string,
  warnings: WarningSink,
  code: 'invalid-json-body' | 'invalid-json-response',
): BodySample {
  const mediaType = declaredMediaType ?? (looksLikeJson(text) ? 'application/json' : 'text/plain');
  if (!isJsonMediaType(mediaType)) return { kind: 'text', mediaType, value: text };
  const value = parseJsonText(text);
  if (value === NOT_JSON) {
    warnings.add(code, location, `${mediaType} body is not valid JSON; kept as a text/plain example`);
    return { kind: 'text', mediaType: 'text/plain', value: text };
  }
  return { kind: 'json', mediaType, value };
}

/** The name of the file a form part uploads (`src` is a path, or a list of paths). */
function fileName(src: unknown): string | undefined {
  const path = Array.isArray(src) ? src[0] : src;
  if (typeof path !== 'string' || path === '') return undefined;
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function readFields(fields: readonly PostmanFormField[] | undefined, multipart: boolean): FormFieldSample[] {
  const samples: FormFieldSample[] = [];
  if (!Array.isArray(fields)) return samples;
  for (const field of fields) {
    if (field == null || typeof field.key !== 'string' || field.key === '') continue;
    const file = multipart && field.type === 'file';
    samples.push({
      key: field.key,
      value: file ? fileName(field.src) : typeof field.value === 'string' ? field.value : undefined,
      file,
      disabled: field.disabled === true,
      description: descriptionText(field.description),
    });
  }
  return samples;
}

/** The request body of one Postman request, or undefined when it has none. */
export function requestBodySample(
  body: PostmanBody | null | undefined,
  contentTypeHeader: string | undefined,
  location: string,
  warnings: WarningSink,
): BodySample | undefined {
  if (body == null || typeof body !== 'object' || body.disabled === true) return undefined;
  const declared = contentTypeHeader ? baseMediaType(contentTypeHeader) : undefined;
  switch (body.mode) {
    case 'raw': {
      if (typeof body.raw !== 'string' || firstSignificant(body.raw) === '') return undefined;
      const mediaType = declared ?? languageMediaType(body.options?.raw?.language);
      return textBodySample(body.raw, mediaType, location, warnings, 'invalid-json-body');
    }
    case 'urlencoded': {
      const fields = readFields(body.urlencoded, false);
      return fields.length === 0
        ? undefined
        : { kind: 'form', mediaType: 'application/x-www-form-urlencoded', fields };
    }
    case 'formdata': {
      const fields = readFields(body.formdata, true);
      return fields.length === 0 ? undefined : { kind: 'form', mediaType: 'multipart/form-data', fields };
    }
    case 'file':
      return { kind: 'binary', mediaType: declared ?? 'application/octet-stream' };
    case 'graphql': {
      const graphql = body.graphql ?? {};
      const value: Record<string, unknown> = {
        query: typeof graphql.query === 'string' ? graphql.query : '',
      };
      const variables = graphql.variables;
      if (typeof variables === 'string' && variables.trim() !== '') {
        const parsed = parseJsonText(variables);
        if (parsed === NOT_JSON)
          warnings.add('invalid-json-body', location, 'GraphQL variables are not valid JSON');
        else value.variables = parsed;
      } else if (variables && typeof variables === 'object') {
        value.variables = variables;
      }
      return { kind: 'json', mediaType: 'application/json', value };
    }
    case undefined:
    case '':
      return undefined;
    default:
      warnings.add(
        'unsupported-body-mode',
        location,
        `body mode "${body.mode}" is not supported; body left out`,
      );
      return undefined;
  }
}
