import { describe, expect, it } from 'vitest';
import { call, startFixtureServer } from './helpers.js';

async function admin(url: string, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${url}${path}`, init);
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe('admin endpoints', () => {
  it('reports health without an API key', async () => {
    const server = await startFixtureServer();
    expect(await admin(server.url, 'GET', '/__mock/health')).toEqual({
      status: 200,
      json: { ok: true, operations: 10, spec: server.specLocation },
    });
    expect(server.requests).toEqual([]);
  });

  it('sets random faults with POST /__mock/faults and turns them off with DELETE', async () => {
    const server = await startFixtureServer();
    const set = await admin(server.url, 'POST', '/__mock/faults', { rate429: 1, retryAfterSeconds: 0 });
    expect(set.status).toBe(200);
    expect(set.json.options).toMatchObject({ rate429: 1, retryAfterSeconds: 0 });
    const limited = await call(server, { path: '/v1/people' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0']);
    expect((await admin(server.url, 'DELETE', '/__mock/faults')).status).toBe(204);
    expect((await call(server, { path: '/v1/people' })).status).toBe(200);
  });

  it('scripts faults with POST /__mock/faults/script', async () => {
    const server = await startFixtureServer();
    const scripted = await admin(server.url, 'POST', '/__mock/faults/script', [
      { fault: 503, method: 'POST' },
      { fault: '429' },
    ]);
    expect(scripted.json.script).toEqual([
      { fault: 503, method: 'POST', times: 1 },
      { fault: 429, times: 1 },
    ]);
    expect((await call(server, { path: '/v1/people' })).status).toBe(429);
    const body = { email: 'a@example.com', firstName: 'A' };
    expect((await call(server, { method: 'POST', path: '/v1/people', body })).status).toBe(503);
    expect((await call(server, { method: 'POST', path: '/v1/people', body })).status).toBe(201);
  });

  it('lists requests and executions, and resets', async () => {
    const server = await startFixtureServer();
    server.scriptFaults(429);
    const body = { email: 'a@example.com', firstName: 'A' };
    await call(server, { method: 'POST', path: '/v1/people', body });
    await call(server, { method: 'POST', path: '/v1/people', body });
    const requests = await admin(server.url, 'GET', '/__mock/requests');
    expect(requests.json.requests.map((r: { status: number }) => r.status)).toEqual([429, 201]);
    const executions = await admin(server.url, 'GET', '/__mock/executions?method=POST');
    expect(executions.json.executions).toMatchObject([{ executions: 1, attempts: 2 }]);
    const duplicates = await admin(server.url, 'GET', '/__mock/executions?duplicates=1');
    expect(duplicates.json.executions).toEqual([]);
    expect((await admin(server.url, 'POST', '/__mock/reset')).status).toBe(204);
    expect((await admin(server.url, 'GET', '/__mock/requests')).json.requests).toEqual([]);
  });

  it('sets paging with POST /__mock/paging, turns it off with DELETE, and reset restores the start value', async () => {
    const server = await startFixtureServer({ pagedItems: 2 });
    const operations = [{ operationId: 'listContacts', method: 'GET', path: '/v1/people', items: 'people' }];
    expect(await admin(server.url, 'GET', '/__mock/paging')).toEqual({
      status: 200,
      json: { pagedItems: 2, operations },
    });
    const count = async () =>
      ((await call(server, { path: '/v1/people' })).json as { people: unknown[] }).people.length;
    expect(await admin(server.url, 'POST', '/__mock/paging', { pagedItems: 7 })).toEqual({
      status: 200,
      json: { pagedItems: 7, operations },
    });
    expect([server.pagedItems, await count()]).toEqual([7, 7]);
    expect((await admin(server.url, 'DELETE', '/__mock/paging')).status).toBe(204);
    expect([server.pagedItems, await count()]).toEqual([undefined, 1]);
    expect((await admin(server.url, 'POST', '/__mock/paging', { pagedItems: 4 })).json.pagedItems).toBe(4);
    expect((await admin(server.url, 'POST', '/__mock/paging', { pagedItems: null })).json.pagedItems).toBe(
      null,
    );
    expect((await admin(server.url, 'POST', '/__mock/reset')).status).toBe(204);
    expect((await admin(server.url, 'GET', '/__mock/paging')).json.pagedItems).toBe(2);
  });

  it.each([
    [
      'a bad fault option',
      {
        given: ['POST', '/__mock/faults', { rate429: 2 }],
        want: [400, 'faults.rate429 must be a number between 0 and 1 (got 2)'],
      },
    ],
    [
      'a bad scripted fault',
      {
        given: ['POST', '/__mock/faults/script', { fault: 'nope' }],
        want: [400, 'body[0].fault must be one of'],
      },
    ],
    [
      'a bad pagedItems',
      {
        given: ['POST', '/__mock/paging', { pagedItems: -1 }],
        want: [400, 'paging.pagedItems must be a non-negative integer (got -1)'],
      },
    ],
    [
      'an unknown paging setting',
      {
        given: ['POST', '/__mock/paging', { items: 5 }],
        want: [400, 'paging.items is not a paging setting (known: pagedItems)'],
      },
    ],
    [
      'a paging body that is no object',
      {
        given: ['POST', '/__mock/paging', '250'],
        want: [400, 'paging body must be an object like {"pagedItems": 250} (got 250)'],
      },
    ],
    [
      'invalid JSON',
      { given: ['POST', '/__mock/faults', '{'], want: [400, 'admin request body is not valid JSON'] },
    ],
    [
      'an unknown endpoint',
      { given: ['GET', '/__mock/nothing', undefined], want: [404, 'No admin endpoint GET /__mock/nothing'] },
    ],
  ] as const)('answers %s with a message', async (_name, { given, want }) => {
    const server = await startFixtureServer();
    const answer = await admin(server.url, given[0], given[1], given[2]);
    expect(answer.status).toBe(want[0]);
    expect(answer.json.message).toContain(want[1]);
  });
});
