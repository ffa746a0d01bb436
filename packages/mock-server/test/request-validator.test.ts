import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  createRequestValidator,
  describeIssue,
  type MockServer,
  ReplyMockConfigError,
  type RequestValidation,
  startMockServer,
  type ValidationIssue,
} from '../src/index.js';
import { readOperations } from '../src/operations.js';
import { loadSpec, type OpenApiDocument } from '../src/spec.js';
import { API_KEY, AUTH, type Call, FIXTURE_SPEC } from './helpers.js';
import { exampleRequest } from './spec-requests.js';

const ORIGIN = 'https://api.reply.io';

/** A fetch Request like a client sends: the test API key unless the headers override it, JSON bodies. */
function requestFor({ method = 'GET', path, headers = {}, body }: Call): Request {
  const init: RequestInit & { headers: Record<string, string> } = {
    method,
    headers: { ...AUTH, ...headers },
  };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json';
  }
  return new Request(`${ORIGIN}${path}`, init);
}

interface Want {
  /** What the mock server answers the same request. */
  status: number;
  operationId: string | undefined;
  issues: ValidationIssue[];
}

const multipart = (options: string | undefined) => {
  const form = new FormData();
  form.set('file', new Blob(['Email\na@example.com\n'], { type: 'text/csv' }), 'contacts.csv');
  if (options !== undefined) form.set('options', new Blob([options], { type: 'application/json' }));
  return form;
};

const cases: [string, { given: Call; want: Want }][] = [
  [
    'a valid GET',
    {
      given: { path: '/v1/people?page=2&limit=10' },
      want: { status: 200, operationId: 'listContacts', issues: [] },
    },
  ],
  [
    'HEAD is served by GET',
    {
      given: { method: 'HEAD', path: '/v1/people' },
      want: { status: 200, operationId: 'listContacts', issues: [] },
    },
  ],
  [
    'case-insensitive path with a trailing slash',
    { given: { path: '/V1/People/12/' }, want: { status: 200, operationId: 'getContact', issues: [] } },
  ],
  [
    'a valid JSON body',
    {
      given: { method: 'POST', path: '/v1/people', body: { email: 'a@example.com', firstName: 'A' } },
      want: { status: 201, operationId: 'createContact', issues: [] },
    },
  ],
  [
    'security: [] needs no key',
    {
      given: { path: '/v1/ping', headers: { 'x-api-key': '' } },
      want: { status: 200, operationId: 'ping', issues: [] },
    },
  ],
  [
    'an unknown path (the server answers 404)',
    {
      given: { path: '/v1/nothing-here' },
      want: {
        status: 404,
        operationId: undefined,
        issues: [{ in: 'path', field: '', message: 'matches no operation (GET /v1/nothing-here)' }],
      },
    },
  ],
  [
    'a known path with another method (405)',
    {
      given: { method: 'PATCH', path: '/v1/people' },
      want: {
        status: 405,
        operationId: undefined,
        issues: [{ in: 'path', field: '', message: '/v1/people does not allow PATCH (allowed: GET, POST)' }],
      },
    },
  ],
  [
    'no API key (401)',
    {
      given: { path: '/v1/people', headers: { 'x-api-key': '' } },
      want: {
        status: 401,
        operationId: 'listContacts',
        issues: [{ in: 'header', field: 'x-api-key', message: 'is required' }],
      },
    },
  ],
  [
    'no API key and a bad parameter: both reported',
    {
      given: { path: '/v1/people?page=0', headers: { 'x-api-key': ' ' } },
      want: {
        status: 401,
        operationId: 'listContacts',
        issues: [
          { in: 'header', field: 'x-api-key', message: 'is required' },
          { in: 'query', field: 'page', message: 'must be >= 1 (got 0)' },
        ],
      },
    },
  ],
  [
    'query parameter names are case-insensitive, values converted',
    {
      given: { path: '/v1/people?PAGE=abc&ids=1&ids=x' },
      want: {
        status: 400,
        operationId: 'listContacts',
        issues: [
          { in: 'query', field: 'page', message: 'must be integer (got "abc")' },
          { in: 'query', field: 'ids.1', message: 'must be integer (got [1,"x"])' },
        ],
      },
    },
  ],
  [
    'a path parameter',
    {
      given: { path: '/v1/people/0' },
      want: {
        status: 400,
        operationId: 'getContact',
        issues: [{ in: 'path', field: 'contactId', message: 'must be >= 1 (got 0)' }],
      },
    },
  ],
  [
    'a required query parameter',
    {
      given: { method: 'POST', path: '/v1/blacklist' },
      want: {
        status: 400,
        operationId: 'addToBlacklist',
        issues: [{ in: 'query', field: 'domain', message: 'is required' }],
      },
    },
  ],
  [
    'a missing body',
    {
      given: { method: 'POST', path: '/v1/people' },
      want: {
        status: 400,
        operationId: 'createContact',
        issues: [{ in: 'body', field: '', message: 'is required' }],
      },
    },
  ],
  [
    'body fields',
    {
      given: { method: 'POST', path: '/v1/people', body: { email: 'nope', extra: 1 } },
      want: {
        status: 400,
        operationId: 'createContact',
        issues: [
          { in: 'body', field: 'firstName', message: 'is required' },
          { in: 'body', field: 'extra', message: 'is not allowed' },
          { in: 'body', field: 'email', message: 'must match format "email"' },
        ],
      },
    },
  ],
  [
    'a body that is not JSON',
    {
      given: { method: 'POST', path: '/v1/people', body: '{"email":' },
      want: {
        status: 400,
        operationId: 'createContact',
        issues: [{ in: 'body', field: '', message: expect.stringMatching(/^is not valid JSON \(/) }],
      },
    },
  ],
  [
    'a valid multipart body',
    {
      given: { method: 'POST', path: '/v1/people/import', body: multipart('{"listId":5}') },
      want: { status: 200, operationId: 'importContacts', issues: [] },
    },
  ],
  [
    'a JSON part that breaks its schema',
    {
      given: { method: 'POST', path: '/v1/people/import', body: multipart('{"listId":"x"}') },
      want: {
        status: 400,
        operationId: 'importContacts',
        issues: [{ in: 'body', field: 'options.listId', message: 'must be integer' }],
      },
    },
  ],
  [
    'a malformed impersonation header',
    {
      given: { path: '/v1/people', headers: { 'x-user-id': '0' } },
      want: {
        status: 400,
        operationId: 'listContacts',
        issues: [{ in: 'header', field: 'X-User-Id', message: 'must be >= 1 (got 0)' }],
      },
    },
  ],
  [
    'both impersonation headers',
    {
      given: { path: '/v1/people', headers: { 'x-user-id': '42', 'x-user-email': 'jane@example.com' } },
      want: {
        status: 400,
        operationId: 'listContacts',
        issues: [
          { in: 'header', field: 'X-User-Email', message: 'must not be sent together with X-User-Id' },
        ],
      },
    },
  ],
];

describe('createRequestValidator', () => {
  const validate = createRequestValidator({ spec: FIXTURE_SPEC });

  it.each(cases)('%s', async (_name, { given, want }) => {
    const result = await validate(requestFor(given));
    expect(result).toEqual({
      valid: want.issues.length === 0,
      issues: want.issues,
      operation:
        want.operationId === undefined
          ? undefined
          : expect.objectContaining({ operationId: want.operationId }),
    });
  });

  describe('agrees with the server', () => {
    let server: MockServer;
    beforeAll(async () => {
      server = await startMockServer({ spec: FIXTURE_SPEC });
    });
    afterAll(() => server.close());

    // The server answers the first failing stage (route, API key, then all 400 issues at once): valid requests
    // run, and a 400 records exactly the validator's issues.
    it.each(cases)('%s', async (_name, { given, want }) => {
      const request = requestFor(given);
      const result = await validate(request.clone());
      const response = await fetch(`${server.url}${given.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body === null ? null : await request.arrayBuffer(),
      });
      const recorded = server.requests.at(-1);
      expect(response.status).toBe(want.status);
      expect(result.valid).toBe(response.ok);
      expect(recorded?.operationId).toBe(result.operation?.operationId);
      if (want.status === 400) expect(recorded?.validation).toEqual({ valid: false, issues: result.issues });
      if (response.ok) expect(recorded?.validation).toEqual({ valid: true, issues: [] });
    });
  });

  it('leaves the request readable', async () => {
    const request = requestFor({
      method: 'POST',
      path: '/v1/people',
      body: { email: 'a@example.com', firstName: 'A' },
    });
    expect((await validate(request)).valid).toBe(true);
    expect(await request.json()).toEqual({ email: 'a@example.com', firstName: 'A' });
  });

  it('accepts both impersonation headers when rejectBothImpersonationHeaders is false', async () => {
    const lenient = createRequestValidator({ spec: FIXTURE_SPEC, rejectBothImpersonationHeaders: false });
    const headers = { 'x-user-id': '42', 'x-user-email': 'jane@example.com' };
    expect((await lenient(requestFor({ path: '/v1/people', headers }))).valid).toBe(true);
  });

  it('never repeats the API key, even when the spec declares it as a parameter the key breaks', async () => {
    const document = parseYaml(readFileSync(FIXTURE_SPEC, 'utf8')) as OpenApiDocument;
    const list = document.paths?.['/v1/people']?.get as { parameters: unknown[] };
    list.parameters.push({ name: 'X-Api-Key', in: 'header', schema: { type: 'string', pattern: '^live-' } });
    const result = await createRequestValidator({ spec: document })(requestFor({ path: '/v1/people' }));
    expect(result.issues).toEqual([
      { in: 'header', field: 'X-Api-Key', message: 'must match pattern "^live-"' },
    ]);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it.each([
    [
      'options that are not an object',
      {
        given: () => createRequestValidator('spec.yaml' as never),
        want: 'createRequestValidator options must be an object (got "spec.yaml")',
      },
    ],
    [
      'a non-boolean rejectBothImpersonationHeaders',
      {
        given: () => createRequestValidator({ rejectBothImpersonationHeaders: 'yes' as never }),
        want: 'rejectBothImpersonationHeaders must be a boolean (got "yes")',
      },
    ],
    [
      'a spec file that does not exist',
      {
        given: () => createRequestValidator({ spec: '/nowhere/spec.yaml' }),
        want: 'spec: cannot read /nowhere/spec.yaml (ENOENT)',
      },
    ],
    [
      'a URL string instead of a Request',
      {
        given: () => validate('https://api.reply.io/v1/people' as never),
        want: 'request validator: expected a fetch Request (got string)',
      },
    ],
    [
      'nothing',
      {
        given: () => validate(undefined as never),
        want: 'request validator: expected a fetch Request (got undefined)',
      },
    ],
    [
      'a plain object',
      {
        given: () => validate({ url: '/v1/people' } as never),
        want: 'request validator: expected a fetch Request (got an object)',
      },
    ],
    [
      'a request whose body was already read',
      {
        given: async () => {
          const request = requestFor({ method: 'POST', path: '/v1/people', body: {} });
          await request.text();
          return validate(request);
        },
        want: 'request validator: the body of POST /v1/people was already read; validate the request before reading it',
      },
    ],
  ] as const)('rejects %s with a one-line ReplyMockConfigError', async (_name, { given, want }) => {
    const error = await (async () => given())().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplyMockConfigError);
    expect((error as Error).message).toBe(want);
  });
});

describe('createRequestValidator on the curated Reply spec (the default)', () => {
  const validate = createRequestValidator();
  const { document } = loadSpec(
    fileURLToPath(new URL('../../types/src/generated/openapi.json', import.meta.url)),
  );
  const operations = readOperations(document).map((operation) => [operation.operationId, operation] as const);

  it.each(operations)(
    '%s: a request built from the spec is valid, and invalid without the key',
    async (id, operation) => {
      const example = exampleRequest(document, operation);
      const init = { method: example.method, headers: example.headers, body: example.body ?? null };
      const anonymous: RequestValidation = await validate(new Request(`${ORIGIN}${example.path}`, init));
      const keyed = await validate(
        new Request(`${ORIGIN}${example.path}`, { ...init, headers: { ...AUTH, ...example.headers } }),
      );
      expect(keyed).toEqual({
        valid: true,
        issues: [],
        operation: { operationId: id, method: operation.method, path: operation.path },
      });
      expect(anonymous.issues).toEqual([{ in: 'header', field: 'x-api-key', message: 'is required' }]);
    },
  );
});

describe('describeIssue', () => {
  it.each([
    [
      'a parameter',
      {
        given: { in: 'query', field: 'page', message: 'must be integer (got "x")' },
        want: 'query parameter "page" must be integer (got "x")',
      },
    ],
    [
      'a header',
      {
        given: { in: 'header', field: 'x-api-key', message: 'is required' },
        want: 'header "x-api-key" is required',
      },
    ],
    [
      'a body field',
      {
        given: { in: 'body', field: 'contact.email', message: 'is required' },
        want: 'request body field "contact.email" is required',
      },
    ],
    [
      'the whole body',
      { given: { in: 'body', field: '', message: 'is required' }, want: 'request body is required' },
    ],
    [
      'an unknown path',
      {
        given: { in: 'path', field: '', message: 'matches no operation (GET /x)' },
        want: 'path matches no operation (GET /x)',
      },
    ],
  ] as const)('%s', (_name, { given, want }) => {
    expect(describeIssue(given)).toBe(want);
  });
});
