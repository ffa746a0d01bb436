import {
  type BodySample,
  baseMediaType,
  firstSignificant,
  languageMediaType,
  textBodySample,
} from './body.js';
import type { WarningSink } from './errors.js';
import type { PostmanHeader, PostmanResponse } from './types.js';

/** One saved example response of a request. */
export interface ResponseSample {
  /** `200`, `404`... or `default` when the collection gives no status code. */
  status: string;
  /** Postman's status text (`OK`) or, failing that, the example's name. */
  description: string;
  /** Name of the saved example, used to name the OpenAPI example. */
  name: string;
  body: BodySample | undefined;
}

/** Value of a header (case-insensitive), from either an array of headers or a raw header block. */
export function headerValue(
  headers: PostmanHeader[] | string | null | undefined,
  name: string,
): string | undefined {
  if (headers == null) return undefined;
  const wanted = name.toLowerCase();
  if (typeof headers === 'string') {
    for (const line of headers.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon !== -1 && line.slice(0, colon).trim().toLowerCase() === wanted)
        return line.slice(colon + 1).trim();
    }
    return undefined;
  }
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    if (header && !header.disabled && typeof header.key === 'string' && header.key.toLowerCase() === wanted) {
      return typeof header.value === 'string' ? header.value : undefined;
    }
  }
  return undefined;
}

function statusOf(response: PostmanResponse): string | undefined {
  const code = response.code;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) return String(code);
  if (typeof code === 'string' && /^[1-5]\d\d$/.test(code)) return code;
  // Some exports only carry the status line ("201 Created").
  const fromStatus = typeof response.status === 'string' ? /^\s*([1-5]\d\d)\b/.exec(response.status) : null;
  return fromStatus ? (fromStatus[1] as string) : undefined;
}

/** Read the saved responses of a request, in collection order. */
export function readResponses(
  responses: readonly PostmanResponse[] | undefined,
  location: string,
  warnings: WarningSink,
): ResponseSample[] {
  const samples: ResponseSample[] = [];
  if (!Array.isArray(responses)) return samples;
  responses.forEach((response, index) => {
    if (response == null || typeof response !== 'object') return;
    const name = typeof response.name === 'string' && response.name.trim() !== '' ? response.name.trim() : '';
    const where = `${location} / ${name || `response ${index + 1}`}`;
    let status = statusOf(response);
    if (status === undefined) {
      warnings.add(
        'missing-status-code',
        where,
        'saved response has no HTTP status code; listed as "default"',
      );
      status = 'default';
    }
    const statusText =
      typeof response.status === 'string' ? response.status.replace(/^\s*\d{3}\s*/, '').trim() : '';
    let body: BodySample | undefined;
    if (typeof response.body === 'string' && firstSignificant(response.body) !== '') {
      const contentType = headerValue(response.header, 'content-type');
      const declared = contentType
        ? baseMediaType(contentType)
        : languageMediaType(response._postman_previewlanguage ?? undefined);
      body = textBodySample(response.body, declared, where, warnings, 'invalid-json-response');
    }
    samples.push({
      status,
      description: statusText || name || `Response ${status}`,
      name: name || `example ${index + 1}`,
      body,
    });
  });
  return samples;
}
