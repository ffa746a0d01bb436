import { synthesize } from '../src/examples.js';
import type { JsonSchema, MediaType, Operation, Parameter } from '../src/operations.js';
import { deref, type OpenApiDocument } from '../src/spec.js';

export interface ExampleRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | FormData | undefined;
}

/** Builds a request the spec calls valid from its own examples: parameter examples, else schema examples, else a built value. */
export function exampleRequest(doc: OpenApiDocument, operation: Operation): ExampleRequest {
  const headers: Record<string, string> = {};
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (!parameter.required) continue;
    const value = exampleValue(doc, parameter);
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    if (parameter.in === 'query') {
      for (const item of Array.isArray(value) ? value : [value]) query.append(parameter.name, String(item));
    }
    if (parameter.in === 'header') headers[parameter.name] = String(value);
  }
  let body: string | FormData | undefined;
  const content = operation.requestBody?.content ?? {};
  const json = Object.entries(content).find(([type]) => type.includes('json'));
  const multipart = content['multipart/form-data'];
  if (json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(mediaExample(doc, json[1]));
  } else if (multipart) {
    body = formExample(mediaExample(doc, multipart) as Record<string, unknown>, multipart);
  }
  const search = query.toString();
  return { method: operation.method, path: search ? `${path}?${search}` : path, headers, body };
}

function exampleValue(doc: OpenApiDocument, parameter: Parameter): unknown {
  const raw = deref(doc, parameter as unknown as Record<string, unknown>, parameter.name);
  if (raw.example !== undefined) return raw.example;
  const named = Object.values((raw.examples ?? {}) as Record<string, { value?: unknown }>)[0];
  if (named !== undefined) return deref(doc, named, parameter.name).value;
  return parameter.schema === undefined ? 'x' : synthesize(doc, parameter.schema);
}

export function mediaExample(doc: OpenApiDocument, media: MediaType): unknown {
  const named = Object.values(media.examples ?? {})[0];
  if (named !== undefined) return deref(doc, named, 'example').value;
  if (media.example !== undefined) return media.example;
  return media.schema === undefined ? {} : synthesize(doc, media.schema as JsonSchema);
}

/** A multipart body from an example object: each field a part, with the content type its `encoding` names. */
function formExample(example: Record<string, unknown>, media: MediaType): FormData {
  const encoding = (media as { encoding?: Record<string, { contentType?: string }> }).encoding ?? {};
  const form = new FormData();
  for (const [name, value] of Object.entries(example)) {
    const type =
      encoding[name]?.contentType ?? (typeof value === 'string' ? 'text/plain' : 'application/json');
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    form.set(name, new Blob([text], { type }), name);
  }
  return form;
}
