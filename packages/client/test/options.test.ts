import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReplyConfigError } from '../src/core/errors.js';
import { type ReplyClientOptions, replyClientDefaults, resolveOptions } from '../src/options.js';

const fetch = async () => new Response('{}');

describe('resolveOptions', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fills in every default', () => {
    const resolved = resolveOptions({ apiKey: 'k', fetch });
    expect(resolved).toMatchObject({ ...replyClientDefaults, apiKey: 'k', headers: {}, middleware: [] });
    expect(replyClientDefaults).toMatchObject({
      baseUrl: 'https://api.reply.io',
      maxRetries: 2,
      monthlyQuota: 15_000,
    });
  });

  it('falls back to REPLY_API_KEY', () => {
    vi.stubEnv('REPLY_API_KEY', 'from-env');
    expect(resolveOptions({ fetch }).apiKey).toBe('from-env');
    expect(resolveOptions({ fetch, apiKey: 'explicit' }).apiKey).toBe('explicit');
  });

  it('fails without any key', () => {
    vi.stubEnv('REPLY_API_KEY', undefined);
    expect(() => resolveOptions({ fetch })).toThrow(
      new ReplyConfigError(
        'createReplyClient: no API key: pass { apiKey } or set the REPLY_API_KEY environment variable',
      ),
    );
  });

  it.each<[string, { given: ReplyClientOptions; want: string }]>([
    [
      'an empty key',
      {
        given: { apiKey: '' },
        want: 'createReplyClient: apiKey must be printable ASCII without spaces (it is empty)',
      },
    ],
    [
      'a blank key',
      {
        given: { apiKey: '  ' },
        want: 'createReplyClient: apiKey must be printable ASCII without spaces (bad character at index 0)',
      },
    ],
    [
      'a key with a line break',
      {
        given: { apiKey: 'ab\r\ncd' },
        want: 'createReplyClient: apiKey must be printable ASCII without spaces (bad character at index 2)',
      },
    ],
    [
      'a non-ASCII key',
      {
        given: { apiKey: 'abé' },
        want: 'createReplyClient: apiKey must be printable ASCII without spaces (bad character at index 2)',
      },
    ],
    [
      'a number key',
      { given: { apiKey: 42 as never }, want: 'createReplyClient: apiKey must be a string (got number)' },
    ],
    [
      'a relative baseUrl',
      {
        given: { baseUrl: '/v1' },
        want: 'createReplyClient: baseUrl must be an absolute http(s) URL (got "/v1")',
      },
    ],
    [
      'an ftp baseUrl',
      {
        given: { baseUrl: 'ftp://x' },
        want: 'createReplyClient: baseUrl must be an absolute http(s) URL (got "ftp://x")',
      },
    ],
    [
      'a zero timeout',
      { given: { timeoutMs: 0 }, want: 'createReplyClient: timeoutMs must be a positive number (got 0)' },
    ],
    [
      'a fractional maxRetries',
      {
        given: { maxRetries: 1.5 },
        want: 'createReplyClient: maxRetries must be a non-negative integer number (got 1.5)',
      },
    ],
    [
      'a negative delay',
      {
        given: { retryDelayMs: -1 },
        want: 'createReplyClient: retryDelayMs must be a non-negative number (got -1)',
      },
    ],
    [
      'an api key header',
      {
        given: { headers: { 'X-API-KEY': 'k' } },
        want: 'createReplyClient: headers.X-API-KEY is set by the client: use apiKey or actAs() instead',
      },
    ],
    [
      'an impersonation header',
      {
        given: { headers: { 'x-user-id': '1' } },
        want: 'createReplyClient: headers.x-user-id is set by the client: use apiKey or actAs() instead',
      },
    ],
    [
      'a header with a line break',
      {
        given: { headers: { 'x-trace': 'a\nb' } },
        want: 'createReplyClient: headers.x-trace must be a string without line breaks',
      },
    ],
    [
      'a non-boolean throttle',
      {
        given: { throttle: 'yes' as never },
        want: 'createReplyClient: throttle must be a boolean (got string)',
      },
    ],
    [
      'a quota ratio above 1',
      {
        given: { quotaWarningRatio: 2 },
        want: 'createReplyClient: quotaWarningRatio must be a number in (0, 1] (got 2)',
      },
    ],
    [
      'a non-function fetch',
      {
        given: { fetch: 'fetch' as never },
        want: 'createReplyClient: fetch must be a function (got string)',
      },
    ],
    [
      'a null logger',
      { given: { logger: null as never }, want: 'createReplyClient: logger must be an object (got null)' },
    ],
    [
      'a misspelt option',
      { given: { timeout: 5 } as never, want: 'createReplyClient: unknown option "timeout"' },
    ],
  ])('rejects %s with one line naming it', (_name, { given, want }) => {
    const attempt = () => resolveOptions({ apiKey: 'k', fetch, ...given });
    expect(attempt).toThrow(ReplyConfigError);
    expect(attempt).toThrow(want);
    expect(want).not.toContain('\n');
  });

  it('needs a fetch when the runtime has none', () => {
    vi.stubGlobal('fetch', undefined);
    try {
      expect(() => resolveOptions({ apiKey: 'k' })).toThrow(
        'createReplyClient: fetch is required: this runtime has no global fetch',
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never echoes the key in its messages', () => {
    for (const apiKey of ['secret key', 'secret\nkey', 'sécret']) {
      expect(() => resolveOptions({ apiKey, fetch })).toThrow(/^(?!.*secret)/);
    }
  });
});
