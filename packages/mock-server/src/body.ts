/** A request body as the mock understood it. */
export interface ParsedBody {
  /** `json`, `form` (multipart or URL-encoded fields), `text` (anything else), `none` (empty). */
  kind: 'none' | 'json' | 'form' | 'text';
  /** Base media type sent, lower-case, without parameters (`multipart/form-data`). */
  mediaType: string | undefined;
  /** Parsed JSON, form fields (file parts as text), raw text, or `undefined`. */
  value: unknown;
  /** Why a JSON or form body could not be parsed. */
  error?: string;
}

export function baseMediaType(contentType: string | undefined): string | undefined {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  return base ? base : undefined;
}

export function isJsonMediaType(type: string | undefined): boolean {
  const base = baseMediaType(type) ?? '';
  return base === 'application/json' || base.endsWith('+json');
}

export function isFormMediaType(type: string | undefined): boolean {
  const base = baseMediaType(type);
  return base === 'multipart/form-data' || base === 'application/x-www-form-urlencoded';
}

/** Parses JSON, multipart and URL-encoded bodies (with the platform's own parsers); other bodies stay text. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  const mediaType = baseMediaType(contentType);
  if (raw.length === 0) return { kind: 'none', mediaType, value: undefined };
  const text = raw.toString('utf8');
  if (isJsonMediaType(mediaType) || mediaType === undefined) {
    try {
      return { kind: 'json', mediaType, value: JSON.parse(text) };
    } catch (error) {
      // Without a content type, a non-JSON body is just text.
      if (mediaType === undefined) return { kind: 'text', mediaType, value: text };
      return { kind: 'json', mediaType, value: text, error: String((error as Error).message).split('\n')[0] };
    }
  }
  if (isFormMediaType(mediaType)) {
    try {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType ?? '' },
      }).formData();
      const fields: Record<string, unknown> = {};
      for (const [name, entry] of form) {
        // File parts: JSON parts parsed, others as text (CSV files are small in tests).
        const value =
          typeof entry === 'string'
            ? entry
            : isJsonMediaType(entry.type)
              ? parseJsonPart(await entry.text())
              : await entry.text();
        const previous = fields[name];
        fields[name] =
          previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      }
      return { kind: 'form', mediaType, value: fields };
    } catch (error) {
      return { kind: 'form', mediaType, value: text, error: String((error as Error).message).split('\n')[0] };
    }
  }
  return { kind: 'text', mediaType, value: text };
}

function parseJsonPart(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
