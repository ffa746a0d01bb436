import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { AUTH, type Call, call, FIXTURE_SPEC, startFixtureServer } from './helpers.js';

interface Want {
  status: number;
  operationId?: string | undefined;
  /** Exact JSON body. */
  body?: unknown;
  /** Substrings of the error message, in order of appearance not required. */
  message?: string[];
}

const examples: [string, { given: Call; want: Want }][] = [
  [
    'first named example of the success response',
    {
      given: { path: '/v1/people' },
      want: {
        status: 200,
        operationId: 'listContacts',
        body: { people: [{ id: 1, email: 'jane@example.com', firstName: 'Jane' }], page: 1, pagesCount: 1 },
      },
    },
  ],
  [
    'Prefer: example=<name> picks a named example',
    {
      given: { path: '/v1/people', headers: { prefer: 'example=empty' } },
      want: { status: 200, body: { people: [], page: 1, pagesCount: 0 } },
    },
  ],
  [
    'Prefer: example=<unknown> lists the names',
    {
      given: { path: '/v1/people', headers: { prefer: 'example=nope' } },
      want: { status: 400, message: ['example=nope', 'onePage, empty'] },
    },
  ],
  [
    'Prefer: code=404 answers the documented 404',
    {
      given: { path: '/v1/people/3', headers: { prefer: 'code=404' } },
      want: { status: 404, body: { statusCode: 404, message: 'Contact not found' } },
    },
  ],
  [
    'Prefer: code=<undocumented> is refused',
    {
      given: { path: '/v1/people/3', headers: { prefer: 'code=418' } },
      want: { status: 400, message: ['code=418'] },
    },
  ],
  [
    'created status and example for a valid POST body',
    {
      given: { method: 'POST', path: '/v1/people', body: { email: 'a@example.com', firstName: 'A' } },
      want: {
        status: 201,
        operationId: 'createContact',
        body: { id: 42, email: 'jane@example.com', firstName: 'Jane' },
      },
    },
  ],
  [
    'a value built from the schema when there is no example',
    {
      given: { path: '/v1/people/12' },
      want: {
        status: 200,
        operationId: 'getContact',
        body: {
          id: 1,
          email: 'jane.doe@example.com',
          firstName: 'string',
          createdAt: '2024-01-01T00:00:00Z',
        },
      },
    },
  ],
  ['204 without a body', { given: { method: 'DELETE', path: '/v2/schedules/9' }, want: { status: 204 } }],
  [
    'literal segment beats a parameter',
    { given: { path: '/v2/schedules/default' }, want: { status: 200, operationId: 'getDefaultSchedule' } },
  ],
  [
    'parameter segment',
    { given: { path: '/v2/schedules/9' }, want: { status: 200, operationId: 'getSchedule' } },
  ],
  [
    'two templated segments',
    {
      given: { path: '/v2/campaigns/3/steps/4' },
      want: { status: 200, operationId: 'getCampaignStep', body: { id: 7, number: 1 } },
    },
  ],
  [
    'literal segments are case-insensitive',
    { given: { path: '/V1/PEOPLE/12' }, want: { status: 200, operationId: 'getContact' } },
  ],
  [
    'a trailing slash is ignored',
    { given: { path: '/v1/people/' }, want: { status: 200, operationId: 'listContacts' } },
  ],
  [
    'security: [] needs no key',
    { given: { path: '/v1/ping', headers: { 'x-api-key': '' } }, want: { status: 200, operationId: 'ping' } },
  ],
  [
    'unknown path',
    {
      given: { path: '/v1/nothing-here' },
      want: { status: 404, operationId: undefined, message: ['GET /v1/nothing-here'] },
    },
  ],
  [
    'known path, other method',
    {
      given: { method: 'PATCH', path: '/v1/people' },
      want: { status: 405, message: ['allowed: GET, POST'] },
    },
  ],
];

const validation: [string, { given: Call; want: Want }][] = [
  [
    'query parameter names are case-insensitive',
    {
      given: { path: '/v1/people?PAGE=abc' },
      want: { status: 400, message: ['query parameter "page" must be integer (got "abc")'] },
    },
  ],
  [
    'missing API key',
    {
      given: { path: '/v1/people', headers: { 'x-api-key': '' } },
      want: { status: 401, message: ['x-api-key'] },
    },
  ],
  ['integer query parameter', { given: { path: '/v1/people?page=2&limit=10' }, want: { status: 200 } }],
  [
    'not an integer',
    {
      given: { path: '/v1/people?page=1.5' },
      want: { status: 400, message: ['query parameter "page" must be integer (got 1.5)'] },
    },
  ],
  [
    'below minimum',
    { given: { path: '/v1/people?page=0' }, want: { status: 400, message: ['"page" must be >= 1 (got 0)'] } },
  ],
  [
    'above maximum',
    {
      given: { path: '/v1/people?limit=5000' },
      want: { status: 400, message: ['"limit" must be <= 1000 (got 5000)'] },
    },
  ],
  [
    'email format',
    {
      given: { path: '/v1/people?email=not-an-email' },
      want: { status: 400, message: ['"email" must match format "email"'] },
    },
  ],
  ['boolean true', { given: { path: '/v1/people?archived=true' }, want: { status: 200 } }],
  [
    'boolean garbage',
    {
      given: { path: '/v1/people?archived=maybe' },
      want: { status: 400, message: ['"archived" must be boolean'] },
    },
  ],
  ['repeated keys make an array', { given: { path: '/v1/people?ids=1&ids=2' }, want: { status: 200 } }],
  [
    'array item type',
    {
      given: { path: '/v1/people?ids=1&ids=x' },
      want: { status: 400, message: ['"ids.1" must be integer'] },
    },
  ],
  [
    'path parameter type',
    {
      given: { path: '/v1/people/abc' },
      want: { status: 400, message: ['path parameter "contactId" must be integer (got "abc")'] },
    },
  ],
  [
    'path parameter minimum',
    {
      given: { path: '/v1/people/0' },
      want: { status: 400, message: ['path parameter "contactId" must be >= 1'] },
    },
  ],
  [
    'required query parameter',
    {
      given: { method: 'POST', path: '/v1/blacklist' },
      want: { status: 400, message: ['query parameter "domain" is required'] },
    },
  ],
  [
    'text response for a valid request',
    { given: { method: 'POST', path: '/v1/blacklist?domain=example.com' }, want: { status: 200 } },
  ],
  [
    'required body',
    {
      given: { method: 'POST', path: '/v1/people' },
      want: { status: 400, message: ['request body is required'] },
    },
  ],
  [
    'body: missing required field',
    {
      given: { method: 'POST', path: '/v1/people', body: { email: 'a@example.com' } },
      want: { status: 400, message: ['request body field "firstName" is required'] },
    },
  ],
  [
    'body: unknown field when additionalProperties is false',
    {
      given: {
        method: 'POST',
        path: '/v1/people',
        body: { email: 'a@example.com', firstName: 'A', extra: 1 },
      },
      want: { status: 400, message: ['request body field "extra" is not allowed'] },
    },
  ],
  [
    'body: nested field pattern',
    {
      given: {
        method: 'POST',
        path: '/v1/people',
        body: { email: 'a@example.com', firstName: 'A', address: { zip: 'x' } },
      },
      want: { status: 400, message: ['request body field "address.zip" must match pattern'] },
    },
  ],
  [
    'body: every bad field is named',
    {
      given: { method: 'POST', path: '/v1/people', body: { email: 'nope', firstName: '' } },
      want: {
        status: 400,
        message: ['"email" must match format "email"', '"firstName" must NOT have fewer than 1 characters'],
      },
    },
  ],
  [
    'body: invalid JSON',
    {
      given: { method: 'POST', path: '/v1/people', body: '{"email":' },
      want: { status: 400, message: ['request body is not valid JSON'] },
    },
  ],
  [
    'body: not JSON at all',
    {
      given: {
        method: 'POST',
        path: '/v1/people',
        body: 'email=a',
        headers: { 'content-type': 'text/plain' },
      },
      want: { status: 400, message: ['request body must be application/json (content-type "text/plain")'] },
    },
  ],
  [
    'impersonation by id',
    { given: { path: '/v1/people', headers: { 'x-user-id': '42' } }, want: { status: 200 } },
  ],
  [
    'impersonation by email',
    { given: { path: '/v1/people', headers: { 'x-user-email': 'jane@example.com' } }, want: { status: 200 } },
  ],
  [
    'malformed X-User-Id',
    {
      given: { path: '/v1/people', headers: { 'x-user-id': 'abc' } },
      want: { status: 400, message: ['header "X-User-Id" must be integer'] },
    },
  ],
  [
    'non-positive X-User-Id',
    {
      given: { path: '/v1/people', headers: { 'x-user-id': '0' } },
      want: { status: 400, message: ['header "X-User-Id" must be >= 1'] },
    },
  ],
  [
    'malformed X-User-Email',
    {
      given: { path: '/v1/people', headers: { 'x-user-email': 'jane' } },
      want: { status: 400, message: ['header "X-User-Email" must match format "email"'] },
    },
  ],
  [
    'both impersonation headers',
    {
      given: { path: '/v1/people', headers: { 'x-user-id': '42', 'x-user-email': 'jane@example.com' } },
      want: { status: 400, message: ['must not be sent together with X-User-Id'] },
    },
  ],
];

async function check(server: MockServer, given: Call, want: Want, validationCase: boolean): Promise<void> {
  const answer = await call(server, given);
  expect(answer.status).toBe(want.status);
  if (want.body !== undefined) expect(answer.json).toEqual(want.body);
  if (want.status === 204) expect(answer.text).toBe('');
  if (want.message) {
    const body = answer.json as { statusCode: number; message: string };
    // Errors use the spec's error shape: { statusCode, message }.
    expect(body.statusCode).toBe(want.status);
    for (const part of want.message) expect(body.message).toContain(part);
  }
  const recorded = server.requests.at(-1);
  expect(recorded?.status).toBe(want.status);
  if ('operationId' in want) expect(recorded?.operationId).toBe(want.operationId);
  const invalid = validationCase && want.status === 400;
  expect(recorded?.validation.valid).toBe(!invalid);
  if (invalid) expect(recorded?.validation.issues.length).toBeGreaterThan(0);
}

describe('ApiHandler answers', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ spec: FIXTURE_SPEC });
  });
  afterAll(() => server.close());

  it.each(examples)('%s', (_name, { given, want }) => check(server, given, want, false));
  it.each(validation)('validates: %s', (_name, { given, want }) => check(server, given, want, true));

  const csv = new Blob(['Email\na@example.com\n'], { type: 'text/csv' });
  const form = (options: string | undefined, extra: Record<string, string> = {}) => {
    const data = new FormData();
    data.set('file', csv, 'contacts.csv');
    if (options !== undefined) data.set('options', new Blob([options], { type: 'application/json' }));
    for (const [name, value] of Object.entries(extra)) data.set(name, value);
    return data;
  };
  it.each([
    ['a valid multipart body', { given: form('{"listId":5}', { batchSize: '10' }), want: [200, ''] }],
    ['a missing part', { given: form(undefined), want: [400, 'request body field "options" is required'] }],
    [
      'a JSON part that breaks its schema',
      { given: form('{"listId":"x"}'), want: [400, 'request body field "options.listId" must be integer'] },
    ],
    [
      'a text field converted to its type',
      {
        given: form('{"listId":5}', { batchSize: '500' }),
        want: [400, 'request body field "batchSize" must be <= 100'],
      },
    ],
  ] as const)('validates multipart: %s', async (_name, { given, want }) => {
    const server = await startFixtureServer();
    const response = await fetch(`${server.url}/v1/people/import`, {
      method: 'POST',
      headers: AUTH,
      body: given,
    });
    const body = (await response.json()) as { message?: string };
    expect(response.status).toBe(want[0]);
    if (want[1]) expect(body.message).toContain(want[1]);
    else
      expect(server.requests[0]?.body).toEqual({
        file: 'Email\na@example.com\n',
        options: { listId: 5 },
        batchSize: '10',
      });
  });

  it('enforces x-reply-throttle-seconds per API key and user when enforceThrottle is on', async () => {
    const server = await startFixtureServer({ enforceThrottle: true });
    const get = (headers: Record<string, string> = {}) =>
      call(server, { path: '/v2/schedules/default', headers });
    expect((await get()).status).toBe(200);
    const throttled = await get();
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '1']);
    expect((throttled.json as { message: string }).message).toBe(
      'Too many requests: getDefaultSchedule accepts one call per 1 seconds',
    );
    // Another key, another impersonated user, another operation: separate windows.
    expect((await get({ 'x-api-key': 'other-key' })).status).toBe(200);
    expect((await get({ 'x-user-id': '5' })).status).toBe(200);
    expect((await call(server, { path: '/v2/schedules/3' })).status).toBe(200);
    expect(server.requests.map((r) => [r.status, r.throttled, r.executed])).toEqual([
      [200, false, true],
      [429, true, false],
      [200, false, true],
      [200, false, true],
      [200, false, true],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await get()).status).toBe(200);
  });

  it('does not throttle by default', async () => {
    const server = await startFixtureServer();
    for (let i = 0; i < 3; i++)
      expect((await call(server, { path: '/v2/schedules/default' })).status).toBe(200);
  });

  it('names at most eight issues in the message and records them all', async () => {
    const server = await startFixtureServer();
    const query = ['page=x', 'limit=x', 'email=x', 'archived=x', 'ids=a&ids=b&ids=c&ids=d&ids=e&ids=f'].join(
      '&',
    );
    const answer = await call(server, { path: `/v1/people?${query}` });
    const issues = server.requests[0]?.validation.issues ?? [];
    expect(issues.length).toBe(10);
    expect((answer.json as { message: string }).message).toMatch(/ \(and 2 more\)$/);
  });

  it('serves a text/plain example as text', async () => {
    const server = await startFixtureServer();
    const answer = await call(server, { method: 'POST', path: '/v1/blacklist?domain=example.com' });
    expect(answer.headers.get('content-type')).toBe('text/plain');
    expect(answer.text).toBe('OK');
  });

  it('allows both impersonation headers when rejectBothImpersonationHeaders is false', async () => {
    const server = await startFixtureServer({ rejectBothImpersonationHeaders: false });
    const answer = await call(server, {
      path: '/v1/people',
      headers: { 'x-user-id': '42', 'x-user-email': 'jane@example.com' },
    });
    expect(answer.status).toBe(200);
    expect(server.requests[0]?.impersonation).toEqual({ userId: '42', email: 'jane@example.com' });
  });

  it('answers a CORS preflight', async () => {
    const server = await startFixtureServer();
    const response = await fetch(`${server.url}/v1/people`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-headers': 'x-api-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('x-api-key');
  });
});
