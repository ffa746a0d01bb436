import { describe, expect, it } from 'vitest';
import { ReplyMockConfigError, startMockServer } from '../src/index.js';
import { resolveOptions } from '../src/options.js';
import { FIXTURE_SPEC, startFixtureServer } from './helpers.js';

describe('resolveOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveOptions({})).toEqual({
      port: 0,
      host: '127.0.0.1',
      rejectBothImpersonationHeaders: true,
      idempotencyHeaders: ['idempotency-key', 'x-idempotency-key', 'x-mock-request-key'],
      enforceThrottle: false,
      maxBodyBytes: 10 * 1024 * 1024,
      recordLimit: Number.POSITIVE_INFINITY,
      onRequest: undefined,
    });
  });

  it('lower-cases idempotency header names', () => {
    expect(resolveOptions({ idempotencyHeaders: ['X-Test-Call'] }).idempotencyHeaders).toEqual([
      'x-test-call',
    ]);
  });
});

describe('startMockServer with bad options', () => {
  const bad: [string, { given: Parameters<typeof startMockServer>[0]; want: string }][] = [
    [
      'port out of range',
      { given: { port: 70000 }, want: 'port must be an integer between 0 and 65535 (got 70000)' },
    ],
    [
      'port not an integer',
      { given: { port: 1.5 }, want: 'port must be an integer between 0 and 65535 (got 1.5)' },
    ],
    ['empty host', { given: { host: '' }, want: 'host must be a non-empty string (got "")' }],
    [
      'bad fault rate',
      {
        given: { faults: { rate429: 1.5 } },
        want: 'faults.rate429 must be a number between 0 and 1 (got 1.5)',
      },
    ],
    [
      'unknown fault option',
      { given: { faults: { rate404: 0.1 } as never }, want: 'faults.rate404 is not a fault option' },
    ],
    [
      'bad idempotency headers',
      { given: { idempotencyHeaders: [''] }, want: 'idempotencyHeaders must be an array of header names' },
    ],
    [
      'bad maxBodyBytes',
      { given: { maxBodyBytes: 0 }, want: 'maxBodyBytes must be a positive integer (got 0)' },
    ],
    [
      'negative pagedItems',
      { given: { pagedItems: -5 }, want: 'pagedItems must be a non-negative integer (got -5)' },
    ],
    [
      'fractional pagedItems',
      { given: { pagedItems: 1.5 }, want: 'pagedItems must be a non-negative integer (got 1.5)' },
    ],
    [
      'pagedItems as text',
      {
        given: { pagedItems: '250' as never },
        want: 'pagedItems must be a non-negative integer (got "250")',
      },
    ],
    [
      'infinite pagedItems',
      {
        given: { pagedItems: Number.POSITIVE_INFINITY },
        want: 'pagedItems must be a non-negative integer (got Infinity)',
      },
    ],
  ];
  it.each(bad)('%s', async (_name, { given, want }) => {
    const error = await startMockServer({ spec: FIXTURE_SPEC, ...given }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyMockConfigError);
    expect((error as Error).message).toContain(want);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reports a port in use as a config error', async () => {
    const first = await startFixtureServer();
    const error = await startMockServer({ spec: FIXTURE_SPEC, port: first.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyMockConfigError);
    expect((error as Error).message).toBe(`cannot listen on 127.0.0.1:${first.port} (EADDRINUSE)`);
  });
});
