import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { groupExecutions, type RecordedRequest, redactHeaders } from '../src/recorder.js';
import { API_KEY, call, startFixtureServer } from './helpers.js';

describe('recorded requests', () => {
  it('records method, path, query, headers, body, operation, impersonation and outcome', async () => {
    const server = await startFixtureServer();
    await call(server, {
      method: 'POST',
      path: '/v1/people?source=test&tag=a&tag=b',
      headers: { 'x-user-email': 'jane@example.com', 'x-custom': 'kept' },
      body: { email: 'a@example.com', firstName: 'A' },
    });
    const [recorded] = server.requests as RecordedRequest[];
    expect(recorded).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/v1/people',
      query: { source: 'test', tag: ['a', 'b'] },
      body: { email: 'a@example.com', firstName: 'A' },
      operationId: 'createContact',
      pathTemplate: '/v1/people',
      impersonation: { email: 'jane@example.com' },
      validation: { valid: true, issues: [] },
      fault: undefined,
      executed: true,
      status: 201,
      aborted: false,
    });
    expect(recorded?.headers['x-custom']).toBe('kept');
    expect(recorded?.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(recorded?.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(recorded?.receivedAt ?? '')).not.toBeNaN();
  });

  it('records the validation issues of a rejected request', async () => {
    const server = await startFixtureServer();
    await call(server, { method: 'POST', path: '/v1/people', body: { email: 'nope' } });
    expect(server.requests[0]?.validation).toEqual({
      valid: false,
      issues: [
        { in: 'body', field: 'firstName', message: 'is required' },
        { in: 'body', field: 'email', message: 'must match format "email"' },
      ],
    });
    expect(server.requests[0]?.executed).toBe(false);
  });

  it('never stores the API key', async () => {
    const server = await startFixtureServer();
    await call(server, { path: '/v1/people', headers: { authorization: `Bearer ${API_KEY}` } });
    await call(server, { path: '/v1/nothing' });
    for (const recorded of server.requests) {
      expect(recorded.headers['x-api-key']).toBe('[REDACTED]');
      expect(JSON.stringify(recorded)).not.toContain(API_KEY);
      expect(inspect(recorded, { depth: 10 })).not.toContain(API_KEY);
    }
    const admin = await fetch(`${server.url}/__mock/requests`).then((r) => r.text());
    expect(admin).not.toContain(API_KEY);
  });

  it('never echoes the API key when the spec declares it as a header parameter too', async () => {
    const server = await startFixtureServer({
      spec: {
        openapi: '3.1.0',
        paths: {
          '/me': {
            get: {
              parameters: [
                {
                  name: 'x-api-key',
                  in: 'header',
                  required: true,
                  schema: { type: 'string', pattern: '^ak_' },
                },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
    const answer = await call(server, { path: '/me' });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toBe(
      'Invalid request: header "x-api-key" must match pattern "^ak_"',
    );
    expect(answer.text).not.toContain(API_KEY);
    expect(JSON.stringify(server.requests)).not.toContain(API_KEY);
  });

  it('numbers requests in arrival order and forgets them on clearRequests()', async () => {
    const server = await startFixtureServer();
    await call(server, { path: '/v1/people' });
    await call(server, { path: '/v1/ping' });
    expect(server.requests.map((r) => [r.seq, r.operationId])).toEqual([
      [1, 'listContacts'],
      [2, 'ping'],
    ]);
    server.clearRequests();
    expect(server.requests).toEqual([]);
    await call(server, { path: '/v1/ping' });
    expect(server.requests[0]?.seq).toBe(3);
  });

  it('forgets recordings and faults on reset()', async () => {
    const server = await startFixtureServer({ faults: { rate429: 1 } });
    server.scriptFaults(503);
    await call(server, { path: '/v1/ping' });
    server.reset();
    expect(server.requests).toEqual([]);
    expect((await call(server, { path: '/v1/people' })).status).toBe(200);
  });

  it('keeps only the last recordLimit requests', async () => {
    const server = await startFixtureServer({ recordLimit: 2 });
    for (let i = 0; i < 4; i++) await call(server, { path: '/v1/ping' });
    expect(server.requests.map((r) => r.seq)).toEqual([3, 4]);
  });

  it('calls onRequest once per finished request', async () => {
    const seen: number[] = [];
    const server = await startFixtureServer({ onRequest: (r) => seen.push(r.status ?? 0) });
    await call(server, { path: '/v1/people' });
    await call(server, { path: '/v1/people', headers: { 'x-api-key': '' } });
    await expect.poll(() => seen).toEqual([200, 401]);
  });
});

describe('idempotency view', () => {
  const post = { method: 'POST', path: '/v1/people', body: { email: 'a@example.com', firstName: 'A' } };

  it('counts executions per body, ignoring faulted attempts', async () => {
    const server = await startFixtureServer();
    server.scriptFaults(429, 503);
    for (let i = 0; i < 3; i++) await call(server, post);
    await call(server, { ...post, body: { email: 'b@example.com', firstName: 'B' } });
    const groups = server.executions({ method: 'post' });
    expect(groups.map((g) => [g.executions, g.attempts, g.seqs])).toEqual([
      [1, 3, [1, 2, 3]],
      [1, 1, [4]],
    ]);
    expect(server.executions({ duplicatesOnly: true })).toEqual([]);
  });

  it('shows a POST executed twice', async () => {
    const server = await startFixtureServer();
    await expect(
      call(server, { ...post, headers: { 'x-mock-fault': 'reset-after-execute' } }),
    ).rejects.toThrow();
    await call(server, post);
    const [duplicate] = server.executions({ duplicatesOnly: true });
    expect(duplicate).toMatchObject({
      method: 'POST',
      path: '/v1/people',
      executions: 2,
      attempts: 2,
      seqs: [1, 2],
    });
  });

  it('keys by Idempotency-Key or X-Mock-Request-Key when present', async () => {
    const server = await startFixtureServer();
    await call(server, { ...post, headers: { 'idempotency-key': 'k1' } });
    await call(server, { ...post, headers: { 'idempotency-key': 'k2' } });
    await call(server, { ...post, headers: { 'x-mock-request-key': 'k2' } });
    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([
      'idempotency-key:k1',
      'idempotency-key:k2',
      'x-mock-request-key:k2',
    ]);
    expect(server.executions({ duplicatesOnly: true })).toEqual([]);
  });

  it('honours custom idempotencyHeaders', async () => {
    const server = await startFixtureServer({ idempotencyHeaders: ['X-Test-Call'] });
    await call(server, { ...post, headers: { 'x-test-call': '1' } });
    await call(server, {
      ...post,
      body: { email: 'other@example.com', firstName: 'O' },
      headers: { 'x-test-call': '1' },
    });
    expect(server.executions({ duplicatesOnly: true })[0]).toMatchObject({
      key: 'x-test-call:1',
      executions: 2,
    });
  });

  it('groups by operationId and leaves out unmatched requests', () => {
    const base = { method: 'GET', path: '/p', executed: true } as RecordedRequest;
    const requests = [
      { ...base, seq: 1, operationId: 'a', idempotencyKey: 'k' },
      { ...base, seq: 2, operationId: 'b', idempotencyKey: 'k2' },
      { ...base, seq: 3, operationId: undefined, idempotencyKey: 'k3' },
    ] as RecordedRequest[];
    expect(groupExecutions(requests, { operationId: 'b' }).map((g) => g.seqs)).toEqual([[2]]);
    expect(groupExecutions(requests).length).toBe(2);
  });
});

describe('redactHeaders', () => {
  it.each([
    [
      'x-api-key',
      { given: { 'x-api-key': 'k', accept: '*/*' }, want: { 'x-api-key': '[REDACTED]', accept: '*/*' } },
    ],
    ['authorization', { given: { authorization: 'Bearer k' }, want: { authorization: '[REDACTED]' } }],
    [
      'a custom apiKey scheme header',
      { given: { 'x-other-key': 'k' }, want: { 'x-other-key': '[REDACTED]' } },
    ],
    ['undefined values dropped', { given: { 'x-a': undefined }, want: {} }],
  ])('%s', (_name, { given, want }) => {
    expect(redactHeaders(given, new Set(['x-api-key', 'authorization', 'x-other-key']))).toEqual(want);
  });
});
