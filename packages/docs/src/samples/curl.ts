import type { OpenApiDocument, ResolvedOperation } from '../openapi.js';
import { type BodyPart, partFileName, sampleBody } from './body.js';
import { parameterValue } from './example-values.js';
import { sampleParameters } from './typescript.js';

/** The environment variable every curl sample reads the key from, so no key is ever pasted into a shell. */
export const API_KEY_VARIABLE = 'REPLY_API_KEY';
const DEFAULT_SERVER = 'https://api.reply.io';

/** A curl command for the operation with the same parameters and body as its TypeScript sample. */
export function curlSample(doc: OpenApiDocument, resolved: ResolvedOperation): string {
  const server = (doc.servers?.[0]?.url ?? DEFAULT_SERVER).replace(/\/$/, '');
  let path = resolved.path;
  const query = new URLSearchParams();
  const headers: string[] = [`-H "x-api-key: $${API_KEY_VARIABLE}"`];
  for (const parameter of sampleParameters(doc, resolved)) {
    const value = parameterValue(doc, parameter);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (parameter.in === 'path') path = path.replaceAll(`{${parameter.name}}`, encodeURIComponent(text));
    else if (parameter.in === 'query') {
      for (const item of Array.isArray(value) ? value : [value]) {
        query.append(parameter.name, typeof item === 'string' ? item : JSON.stringify(item));
      }
    } else headers.push(`-H ${shellQuote(`${parameter.name}: ${text}`)}`);
  }
  const search = query.toString();
  const url = `${server}${path}${search ? `?${search}` : ''}`;
  const method = resolved.method.toUpperCase();
  const parts = [
    method === 'GET' ? `curl ${shellQuote(url)}` : `curl -X ${method} ${shellQuote(url)}`,
    ...headers,
  ];
  const body = sampleBody(doc, resolved);
  if (body.kind === 'json') {
    parts.push(`-H ${shellQuote(`Content-Type: ${resolved.bodyContentType}`)}`);
    parts.push(`-d ${shellQuote(JSON.stringify(body.value, null, 2))}`);
  } else if (body.kind === 'text') {
    parts.push(`-H ${shellQuote(`Content-Type: ${body.contentType}`)}`);
    parts.push(`--data-raw ${shellQuote(body.value)}`);
  } else if (body.kind === 'multipart') {
    // curl sets the multipart content type (with its boundary) itself.
    for (const part of body.parts) parts.push(`-F ${shellQuote(formField(part))}`);
  }
  return `${parts.join(' \\\n  ')}\n`;
}

function formField(part: BodyPart): string {
  const type = part.contentType ? `;type=${part.contentType}` : '';
  if (part.kind === 'file') return `${part.name}=@${partFileName(part)}${type}`;
  if (part.kind === 'json')
    return `${part.name}=${JSON.stringify(part.value)}${part.contentType ? type : ';type=application/json'}`;
  return `${part.name}=${String(part.value)}`;
}

/** Single-quotes a word for POSIX shells (a quote inside becomes '\''). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
