import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultRequest, resolveFaultOptions } from '../src/faults.js';
import { ReplyMockConfigError } from '../src/index.js';
import { AUTH, call, startFixtureServer } from './helpers.js';

const REQUEST: FaultRequest = {
  method: 'GET',
  path: '/v1/people',
  pathTemplate: '/v1/people',
  operationId: 'listContacts',
  headers: {},
};

function tally(injector: FaultInjector, n: number, request = REQUEST): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const key = String(injector.decide(request).fault ?? 'none');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('FaultInjector', () => {
  it('injects each fault at its rate, within 2 points over 20,000 requests', () => {
    const counts = tally(
      new FaultInjector({ rate429: 0.3, rate5xx: 0.1, rateReset: 0.05, hangRate: 0.02, seed: 7 }),
      20_000,
    );
    const share = (key: string) => (counts[key] ?? 0) / 20_000;
    expect(share('429')).toBeCloseTo(0.3, 1);
    expect(Math.abs(share('429') - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(share('500') + share('502') + share('503') - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(share('reset') - 0.05)).toBeLessThan(0.02);
    expect(Math.abs(share('hang') - 0.02)).toBeLessThan(0.01);
    expect(Math.abs(share('none') - 0.53)).toBeLessThan(0.02);
    // The three 5xx statuses share rate5xx evenly.
    for (const status of ['500', '502', '503']) expect(Math.abs(share(status) - 0.1 / 3)).toBeLessThan(0.01);
  });

  it('uses only the configured 5xx statuses', () => {
    const counts = tally(new FaultInjector({ rate5xx: 1, statuses5xx: [503] }), 200);
    expect(counts).toEqual({ '503': 200 });
  });

  it('gives the same faults for the same seed and different ones for another seed', () => {
    const options = { rate429: 0.3, rate5xx: 0.1, rateReset: 0.05 };
    const run = (seed: number | string) => {
      const injector = new FaultInjector({ ...options, seed });
      return Array.from({ length: 200 }, () => injector.decide(REQUEST).fault);
    };
    expect(run(42)).toEqual(run(42));
    expect(run('ci-run')).toEqual(run('ci-run'));
    expect(run(42)).not.toEqual(run(43));
  });

  it('restarts the sequence when reconfigured with the same seed', () => {
    const injector = new FaultInjector({ rate429: 0.5, seed: 3 });
    const first = Array.from({ length: 50 }, () => injector.decide(REQUEST).fault);
    injector.configure({ rate429: 0.5, seed: 3 });
    expect(Array.from({ length: 50 }, () => injector.decide(REQUEST).fault)).toEqual(first);
  });

  it('keeps the random sequence independent of header and scripted faults', () => {
    const plain = new FaultInjector({ rate429: 0.5, seed: 9 });
    const scripted = new FaultInjector({ rate429: 0.5, seed: 9 });
    const expected = Array.from({ length: 20 }, () => plain.decide(REQUEST).fault);
    scripted.script(['reset']);
    const got = Array.from(
      { length: 20 },
      (_, i) =>
        scripted.decide(i === 5 ? { ...REQUEST, headers: { 'x-mock-fault': 'hang' } } : REQUEST).fault,
    );
    expect(got[0]).toBe('reset');
    expect(got[5]).toBe('hang');
    expect(got.filter((_, i) => i !== 0 && i !== 5)).toEqual(expected.filter((_, i) => i !== 0 && i !== 5));
  });

  it('consumes scripted faults in order, only for matching requests', () => {
    const injector = new FaultInjector();
    injector.script([
      { fault: 503, times: 2, method: 'post' },
      { fault: 429, operationId: 'listContacts', retryAfterSeconds: 7 },
      'reset',
    ]);
    const post = { ...REQUEST, method: 'POST' };
    const get = injector.decide(REQUEST);
    expect(get).toMatchObject({ fault: 429, retryAfterSeconds: 7, source: 'script' });
    expect(injector.decide(post).fault).toBe(503);
    expect(injector.decide(post).fault).toBe(503);
    expect(injector.decide(post).fault).toBe('reset');
    expect(injector.decide(post)).toMatchObject({ fault: undefined, source: 'none' });
  });

  it('matches scripted faults by path or path template, case-insensitively', () => {
    const injector = new FaultInjector();
    injector.script([
      { fault: 500, path: '/V1/People/{contactId}' },
      { fault: 502, path: '/v1/people/7' },
    ]);
    const byId = { ...REQUEST, path: '/v1/people/7', pathTemplate: '/v1/people/{contactId}' };
    expect(injector.decide(REQUEST).fault).toBeUndefined();
    expect(injector.decide(byId).fault).toBe(500);
    expect(injector.decide(byId).fault).toBe(502);
  });

  it('lets X-Mock-Fault: none force a clean answer', () => {
    const injector = new FaultInjector({ rate429: 1 });
    expect(injector.decide({ ...REQUEST, headers: { 'x-mock-fault': 'none' } }).fault).toBeUndefined();
    expect(injector.decide(REQUEST).fault).toBe(429);
  });

  it('takes delay and Retry-After from headers', () => {
    const injector = new FaultInjector({ delayMs: 5, retryAfterSeconds: 2 });
    expect(injector.decide(REQUEST)).toMatchObject({ delayMs: 5, retryAfterSeconds: 2 });
    const headers = { 'x-mock-delay-ms': '30', 'x-mock-retry-after': '9' };
    expect(injector.decide({ ...REQUEST, headers })).toMatchObject({ delayMs: 30, retryAfterSeconds: 9 });
  });

  const bad: [string, { given: () => void; want: string }][] = [
    [
      'rate below 0',
      {
        given: () => resolveFaultOptions({ rateReset: -0.1 }),
        want: 'faults.rateReset must be a number between 0 and 1 (got -0.1)',
      },
    ],
    [
      'rate as string',
      {
        given: () => resolveFaultOptions({ rate5xx: '0.1' }),
        want: 'faults.rate5xx must be a number between 0 and 1 (got "0.1")',
      },
    ],
    [
      'rates above 1 in total',
      {
        given: () => resolveFaultOptions({ rate429: 0.6, rate5xx: 0.6 }),
        want: 'must be at most 1 (got 1.2)',
      },
    ],
    [
      'negative delay',
      {
        given: () => resolveFaultOptions({ delayMs: -1 }),
        want: 'faults.delayMs must be a non-negative integer (got -1)',
      },
    ],
    [
      '5xx status not allowed',
      {
        given: () => resolveFaultOptions({ statuses5xx: [504] }),
        want: 'faults.statuses5xx must be a non-empty array of 500, 502, 503 (got [504])',
      },
    ],
    [
      'seed object',
      { given: () => resolveFaultOptions({ seed: {} }), want: 'faults.seed must be a number or a string' },
    ],
    ['not an object', { given: () => resolveFaultOptions(0.3), want: 'faults must be an object (got 0.3)' }],
    [
      'scripted fault kind',
      {
        given: () => new FaultInjector().script([{ fault: 418 as never }]),
        want: 'script[0].fault must be one of 429, 500, 502, 503, reset, reset-after-execute, hang (got 418)',
      },
    ],
    [
      'scripted times',
      {
        given: () => new FaultInjector().script([{ fault: 429, times: 0 }]),
        want: 'script[0].times must be a positive integer (got 0)',
      },
    ],
    [
      'header fault kind',
      {
        given: () => new FaultInjector().decide({ ...REQUEST, headers: { 'x-mock-fault': 'boom' } }),
        want: 'x-mock-fault header must be one of',
      },
    ],
  ];
  it.each(bad)('refuses %s with a one-line ReplyMockConfigError', (_name, { given, want }) => {
    expect(given).toThrow(ReplyMockConfigError);
    expect(given).toThrow(want);
  });
});

describe('faults over HTTP', () => {
  it('answers 429 with Retry-After in seconds and the error body, without executing', async () => {
    const server = await startFixtureServer({ faults: { rate429: 1, retryAfterSeconds: 3 } });
    const answer = await call(server, {
      method: 'POST',
      path: '/v1/people',
      body: { email: 'a@example.com', firstName: 'A' },
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.json).toEqual({ statusCode: 429, message: 'Too many requests: retry after 3 seconds' });
    expect(server.requests[0]).toMatchObject({
      fault: 429,
      executed: false,
      status: 429,
      operationId: 'createContact',
    });
  });

  it('writes Retry-After as an HTTP date when asked', async () => {
    const server = await startFixtureServer({
      faults: { retryAfterFormat: 'http-date', retryAfterSeconds: 30 },
    });
    server.scriptFaults(
      429,
      { fault: 503, retryAfterSeconds: 120 },
      { fault: 429, retryAfterFormat: 'seconds' },
    );
    const now = Date.now();
    const dates = [];
    for (let i = 0; i < 2; i++) {
      const header = (await call(server, { path: '/v1/people' })).headers.get('retry-after') ?? '';
      expect(header).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      dates.push(Date.parse(header) - now);
    }
    expect(Math.abs((dates[0] ?? 0) - 30_000)).toBeLessThan(5_000);
    expect(Math.abs((dates[1] ?? 0) - 120_000)).toBeLessThan(5_000);
    expect((await call(server, { path: '/v1/people' })).headers.get('retry-after')).toBe('30');
  });

  it.each([500, 502, 503] as const)('answers an injected %i', async (status) => {
    const server = await startFixtureServer({ faults: { rate5xx: 1, statuses5xx: [status] } });
    const answer = await call(server, { path: '/v1/people' });
    expect(answer.status).toBe(status);
    expect((answer.json as { message: string }).message).toContain(`Injected fault: ${status}`);
    expect(answer.headers.get('retry-after')).toBe(status === 503 ? '1' : null);
    expect(server.requests[0]).toMatchObject({ fault: status, executed: false });
  });

  it('resets the connection: fetch rejects with ECONNRESET and nothing is executed', async () => {
    const server = await startFixtureServer();
    server.scriptFaults('reset');
    const error = await fetch(`${server.url}/v1/people`, { headers: AUTH }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
    // The next request on a fresh connection works.
    expect((await call(server, { path: '/v1/people' })).status).toBe(200);
    expect(server.requests.map((r) => [r.fault, r.executed, r.status])).toEqual([
      ['reset', false, undefined],
      [undefined, true, 200],
    ]);
  });

  it('executes then resets with reset-after-execute (the lost-response case)', async () => {
    const server = await startFixtureServer();
    const body = { email: 'a@example.com', firstName: 'A' };
    const headers = { 'x-mock-fault': 'reset-after-execute' };
    await expect(call(server, { method: 'POST', path: '/v1/people', body, headers })).rejects.toThrow(
      TypeError,
    );
    expect(server.requests[0]).toMatchObject({
      fault: 'reset-after-execute',
      executed: true,
      status: undefined,
    });
  });

  it('hangs until the client aborts, and records the abort', async () => {
    const server = await startFixtureServer({ faults: { hangRate: 1 } });
    const started = Date.now();
    const error = await fetch(`${server.url}/v1/people`, {
      headers: AUTH,
      signal: AbortSignal.timeout(300),
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect.poll(() => server.requests[0]?.aborted).toBe(true);
    expect(server.requests[0]).toMatchObject({ fault: 'hang', executed: false, status: undefined });
  });

  it('ends hanging requests on close()', async () => {
    const server = await startFixtureServer({ faults: { hangRate: 1 } });
    const pending = fetch(`${server.url}/v1/people`, { headers: AUTH }).catch((e: unknown) => e);
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it('delays a response by X-Mock-Delay-Ms', async () => {
    const server = await startFixtureServer();
    const started = Date.now();
    const answer = await call(server, { path: '/v1/people', headers: { 'x-mock-delay-ms': '200' } });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('survives a client that gives up during a delay', async () => {
    const server = await startFixtureServer({ faults: { delayMs: 300 } });
    const error = await fetch(`${server.url}/v1/people`, {
      headers: AUTH,
      signal: AbortSignal.timeout(50),
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    await expect.poll(() => server.requests[0]?.aborted, { timeout: 2_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    // The client left before the handler ran: nothing executed, nothing sent.
    expect(server.requests[0]).toMatchObject({ executed: false, status: undefined, aborted: true });
    expect((await call(server, { path: '/v1/people', headers: { 'x-mock-delay-ms': '0' } })).status).toBe(
      200,
    );
  });

  it('follows the seeded rates over real HTTP (400 requests, 30% 429, 10% 503, 5% resets)', async () => {
    const server = await startFixtureServer({
      faults: {
        rate429: 0.3,
        rate5xx: 0.1,
        statuses5xx: [503],
        rateReset: 0.05,
        seed: 2024,
        retryAfterSeconds: 0,
      },
    });
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const key = await fetch(`${server.url}/v1/people`, { headers: AUTH }).then(
        async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        },
        () => 'reset',
      );
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    expect(Math.abs((outcomes['429'] ?? 0) / 400 - 0.3)).toBeLessThan(0.06);
    expect(Math.abs((outcomes['503'] ?? 0) / 400 - 0.1)).toBeLessThan(0.05);
    expect(Math.abs((outcomes.reset ?? 0) / 400 - 0.05)).toBeLessThan(0.035);
    expect(Object.keys(outcomes).sort()).toEqual(['200', '429', '503', 'reset']);
    // The recording agrees with what the client saw.
    expect(server.requests.filter((r) => r.fault === 'reset').length).toBe(outcomes.reset);
    expect(server.requests.filter((r) => r.executed).length).toBe(outcomes['200']);
  });

  it('answers 400 for an unknown X-Mock-Fault', async () => {
    const server = await startFixtureServer();
    const answer = await call(server, { path: '/v1/people', headers: { 'x-mock-fault': 'explode' } });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toContain('x-mock-fault header must be one of');
  });

  it('never faults an unauthenticated or unknown request', async () => {
    const server = await startFixtureServer({ faults: { rate429: 1 } });
    expect((await call(server, { path: '/v1/people', headers: { 'x-api-key': '' } })).status).toBe(401);
    expect((await call(server, { path: '/nope' })).status).toBe(404);
    expect((await call(server, { path: '/v1/people' })).status).toBe(429);
  });
});
