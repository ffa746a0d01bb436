import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { successStatus } from '../src/examples.js';
import { type MockServer, startMockServer } from '../src/index.js';
import { type JsonSchema, readOperations } from '../src/operations.js';
import { loadSpec } from '../src/spec.js';
import { SpecValidator } from '../src/validation.js';
import { AUTH } from './helpers.js';
import { exampleRequest, mediaExample } from './spec-requests.js';

// The curated spec as committed by the spec pipeline (spec/openapi.yaml); @replykit/types ships it as JSON.
const CURATED_SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const { document } = loadSpec(CURATED_SPEC);
const operations = readOperations(document);
const validator = new SpecValidator(document);

describe('the curated Reply spec', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ spec: document });
  }, 60_000);
  afterAll(() => server.close());

  it('is the default spec, shipped by @replykit/types as JSON', async () => {
    const byDefault = await startMockServer();
    try {
      expect(byDefault.specLocation).toMatch(/types[\\/].*openapi\.json$/);
      const sorted = (list: readonly { operationId: string }[]) =>
        [...list].sort((a, b) => a.operationId.localeCompare(b.operationId));
      expect(sorted(byDefault.operations)).toEqual(sorted(server.operations));
    } finally {
      await byDefault.close();
    }
  });

  it('is served whole', () => {
    // The collection's 94 requests are 76 distinct endpoints.
    expect(server.operations.length).toBe(76);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s answers its success example to a request built from the spec',
    async (_id, operation) => {
      const request = exampleRequest(document, operation);
      const response = await fetch(`${server.url}${request.path}`, {
        method: request.method,
        headers: { ...AUTH, ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const text = await response.text();
      const key = successStatus(operation) as string;
      expect(response.status, text).toBe(key === 'default' ? 200 : Number(key));
      const recorded = server.requests.at(-1);
      expect(recorded?.operationId).toBe(operation.operationId);
      expect(recorded?.validation).toEqual({ valid: true, issues: [] });
      const media = Object.entries(operation.responses[key]?.content ?? {})[0];
      if (!media) {
        expect(text).toBe('');
        return;
      }
      const body = media[0].includes('json') ? JSON.parse(text) : text;
      expect(body).toEqual(mediaExample(document, media[1]));
      if (media[1].schema !== undefined) {
        const check = validator.compileSchema(
          media[1].schema as JsonSchema,
          `${operation.operationId} response`,
        );
        expect(check(body), JSON.stringify(check.errors)).toBe(true);
      }
    },
  );

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s answers 401 in the spec error shape without an API key',
    async (_id, operation) => {
      const request = exampleRequest(document, operation);
      const response = await fetch(`${server.url}${request.path}`, { method: request.method });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { message: string; statusCode: number };
      expect(body).toEqual({ statusCode: 401, message: 'Missing API key: send it in the x-api-key header' });
    },
  );

  it.each([401, 403, 404, 429, 500])(
    'answers Prefer: code=%i with its status and the spec response description, in the error shape',
    async (status) => {
      const response = await fetch(`${server.url}/v1/people`, {
        headers: { 'x-api-key': 'test', prefer: `code=${status}` },
      });
      expect(response.status).toBe(status);
      const names: Record<number, string> = {
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'NotFound',
        429: 'TooManyRequests',
        500: 'InternalServerError',
      };
      const shared = (document.components?.responses ?? {}) as Record<string, { description: string }>;
      const described = shared[names[status] ?? '']?.description;
      expect(described).toEqual(expect.any(String));
      expect(await response.json()).toEqual({ statusCode: status, message: described });
    },
  );
});
