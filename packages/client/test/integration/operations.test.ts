import spec from '@replykit/types/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/index.js';
import { useMockServer } from './mock.js';

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked as untyped JSON; the mock server checks the result.
type Json = any;

function resolve(node: Json): Json {
  let current = node;
  while (current?.$ref) {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce((value: Json, key: string) => value?.[key], spec);
  }
  return current;
}

/** A value for a required parameter: its example, else one that fits its schema. */
function valueFor(parameter: Json): unknown {
  const schema = resolve(parameter.schema) ?? {};
  if (parameter.example !== undefined) return parameter.example;
  if (schema.example !== undefined) return schema.example;
  const firstExample =
    parameter.examples && (Object.values(parameter.examples)[0] as Json | undefined)?.value;
  if (firstExample !== undefined) return firstExample;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.format === 'email') return 'someone@example.com';
  return 'x';
}

interface Case {
  method: string;
  path: string;
  init: Json;
}

/** One call per operation and request-body example, built only from the spec. */
function cases(): [string, Case][] {
  const all: [string, Case][] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      if (!operation?.operationId) continue;
      const params: Json = { path: {}, query: {} };
      for (const parameter of (operation.parameters ?? []).map(resolve)) {
        if (parameter.required && (parameter.in === 'path' || parameter.in === 'query')) {
          params[parameter.in][parameter.name] = valueFor(parameter);
        }
      }
      const requestBody = resolve(operation.requestBody);
      const [mediaType, media] = (Object.entries(requestBody?.content ?? {})[0] ?? []) as [string?, Json?];
      const examples = media?.examples
        ? Object.entries(media.examples as Json).map(
            ([name, example]) => [name, resolve(example).value] as const,
          )
        : media?.example !== undefined
          ? [['example', media.example] as const]
          : [['no body', undefined] as const];
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
      const successTypes = Object.keys(resolve(success?.[1])?.content ?? {});
      // Operations that answer with something other than JSON are read as text, as the README says.
      const parseAs = successTypes.length > 0 && !successTypes.includes('application/json') ? 'text' : 'json';
      for (const [exampleName, body] of examples) {
        const init: Json = { params, parseAs };
        if (body !== undefined && mediaType === 'application/json') init.body = body;
        if (body !== undefined && mediaType === 'text/plain') {
          init.body = body;
          init.bodySerializer = (text: unknown) => String(text);
          init.headers = { 'Content-Type': 'text/plain' };
        }
        if (body !== undefined && mediaType === 'multipart/form-data') {
          const form = new FormData();
          for (const [field, value] of Object.entries(body as Json)) {
            const fieldSchema = resolve(media?.schema)?.properties?.[field];
            const isFile = fieldSchema?.format === 'binary' || fieldSchema?.contentMediaType;
            form.append(
              field,
              isFile
                ? new Blob([String(value)], { type: 'text/csv' })
                : typeof value === 'string'
                  ? value
                  : JSON.stringify(value),
            );
          }
          init.body = form;
        }
        all.push([`${operation.operationId} (${exampleName})`, { method: method.toUpperCase(), path, init }]);
      }
    }
  }
  return all;
}

const { mock, client } = await useMockServer();
const reply = client();
const asJane = reply.actAs({ email: 'jane@example.com' });

describe('every operation of the curated spec through the client', () => {
  const table = cases();

  it('covers every operation', () => {
    const operations = new Set(table.map(([name]) => name.split(' ')[0]));
    expect(operations.size).toBe(mock.operations.length);
  });

  it.each(table)('%s', async (_name, { method, path, init }) => {
    const before = mock.requests.length;
    const caller = before % 2 === 0 ? reply : asJane;
    const data = await unwrap((caller.request as Json)(method, path, init));
    const recorded = mock.requests.at(-1);
    expect(recorded).toMatchObject({ method, executed: true, validation: { valid: true } });
    expect(recorded?.headers['x-api-key']).toBe('[REDACTED]');
    expect(recorded?.impersonation).toEqual(caller === asJane ? { email: 'jane@example.com' } : {});
    expect(recorded?.status).toBeGreaterThanOrEqual(200);
    expect(recorded?.status).toBeLessThan(300);
    if (recorded?.status !== 204 && typeof data === 'object') expect(data).not.toBeUndefined();
  });
});
