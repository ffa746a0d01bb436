import { isObject, type OpenApiDocument, type ResolvedOperation } from '../openapi.js';
import { bodyValue } from './example-values.js';

/** One part of a multipart body: a file (sent as a Blob with a file name) or a JSON or text field. */
export interface BodyPart {
  name: string;
  kind: 'file' | 'json' | 'text';
  /** The part's content type from the spec's `encoding`, when it has one. */
  contentType: string | undefined;
  value: unknown;
}

/** How a sample sends the request body, decided by the media type the spec documents. */
export type SampleBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; contentType: string; value: string }
  | { kind: 'multipart'; value: Record<string, unknown>; parts: BodyPart[] };

const FILE_EXTENSIONS: Record<string, string> = {
  'text/csv': 'csv',
  'text/plain': 'txt',
  'application/json': 'json',
  'application/pdf': 'pdf',
};

/**
 * The body a sample sends. JSON bodies are shown whenever the spec has one; any other media type only when
 * the body is required (an optional text body, e.g. one the server ignores, is left out of the call).
 */
export function sampleBody(doc: OpenApiDocument, resolved: ResolvedOperation): SampleBody {
  const { body, bodyContentType: type = '' } = resolved;
  if (!body) return { kind: 'none' };
  if (/json/i.test(type)) return { kind: 'json', value: bodyValue(doc, body) };
  if (resolved.operation.requestBody?.required !== true) return { kind: 'none' };
  const value = bodyValue(doc, body);
  if (/^multipart\/form-data/i.test(type) && isObject(value)) {
    const encoding = isObject(body.encoding) ? body.encoding : {};
    const parts = Object.entries(value).map(([name, partValue]): BodyPart => {
      const declared = isObject(encoding[name])
        ? (encoding[name] as { contentType?: unknown }).contentType
        : undefined;
      const contentType = typeof declared === 'string' ? declared : undefined;
      if (typeof partValue === 'object' && partValue !== null)
        return { name, kind: 'json', contentType, value: partValue };
      const isFile = contentType !== undefined && !/json/i.test(contentType);
      return { name, kind: isFile ? 'file' : 'text', contentType, value: partValue };
    });
    return { kind: 'multipart', value, parts };
  }
  return {
    kind: 'text',
    contentType: type,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  };
}

/** The file name a sample gives a file part: the part name with the extension of its content type. */
export function partFileName(part: BodyPart): string {
  const extension =
    FILE_EXTENSIONS[(part.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
  return `${part.name}.${extension}`;
}
