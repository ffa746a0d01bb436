import { describe, expect, it } from 'vitest';
import { ErrorBodies } from '../src/error-body.js';
import { readOperations } from '../src/operations.js';
import type { OpenApiDocument } from '../src/spec.js';

function bodies(components: Record<string, unknown>, responses: Record<string, unknown>) {
  const doc = {
    openapi: '3.1.0',
    components,
    paths: { '/a': { get: { operationId: 'a', responses } } },
  } as OpenApiDocument;
  const operations = readOperations(doc);
  return { errors: new ErrorBodies(doc, operations), operation: operations[0] };
}

const json = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  description: 'x',
  content: { 'application/json': { schema, ...extra } },
});

describe('ErrorBodies', () => {
  it.each([
    [
      "the spec's { statusCode, message } shape",
      {
        given: bodies(
          {
            schemas: {
              E: {
                type: 'object',
                properties: { statusCode: { type: 'integer' }, message: { type: 'string' } },
              },
            },
          },
          { '400': json({ $ref: '#/components/schemas/E' }) },
        ),
        status: 400,
        want: { statusCode: 400, message: 'bad' },
      },
    ],
    [
      'another message field, example fields kept',
      {
        given: bodies(
          {},
          {
            '400': json(
              { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' } } },
              { example: { error: 'x', code: 'E1' } },
            ),
          },
        ),
        status: 400,
        want: { error: 'bad', code: 'E1' },
      },
    ],
    [
      'a 4XX range response',
      {
        given: bodies(
          {},
          {
            '4XX': json({
              type: 'object',
              properties: { detail: { type: 'string' }, status: { type: 'integer' } },
            }),
          },
        ),
        status: 429,
        want: { detail: 'bad', status: 429 },
      },
    ],
    [
      'allOf error schemas',
      {
        given: bodies(
          {},
          {
            default: json({
              allOf: [
                { properties: { message: { type: 'string' } } },
                { properties: { traceId: { type: 'string' } } },
              ],
            }),
          },
        ),
        status: 503,
        want: { message: 'bad', traceId: 'string' },
      },
    ],
    [
      'the first documented error for an undocumented status',
      {
        given: bodies(
          {},
          {
            '200': { description: 'ok' },
            '404': json({ type: 'object', properties: { title: { type: 'string' } } }),
          },
        ),
        status: 429,
        want: { title: 'bad' },
      },
    ],
    [
      'no error schema anywhere',
      {
        given: bodies({}, { '200': { description: 'ok' } }),
        status: 401,
        want: { statusCode: 401, message: 'bad' },
      },
    ],
  ])('builds %s', (_name, { given, status, want }) => {
    const built = given.errors.build(given.operation, status, 'bad');
    expect(built).toEqual({ status, contentType: 'application/json; charset=utf-8', body: want });
  });
});
