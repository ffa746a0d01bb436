import { describe, expect, it } from 'vitest';
import { redactHeaders, scrubSecrets } from '../../src/core/redact.js';

describe('redactHeaders', () => {
  it('lower-cases names and redacts the key, impersonation and credentials', () => {
    const headers = new Headers({
      'X-Api-Key': 'k',
      'X-User-Email': 'jane@example.com',
      'X-User-Id': '42',
      Authorization: 'Bearer t',
      Cookie: 'c=1',
      Accept: 'application/json',
    });
    expect(redactHeaders(headers)).toEqual({
      'x-api-key': '[redacted]',
      'x-user-email': '[redacted]',
      'x-user-id': '[redacted]',
      authorization: '[redacted]',
      cookie: '[redacted]',
      accept: 'application/json',
    });
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['a string', { given: 'key=S3CRET!', want: 'key=[redacted]!' }],
    [
      'nested values and keys',
      { given: { a: ['S3CRET'], S3CRET: 1 }, want: { a: ['[redacted]'], '[redacted]': 1 } },
    ],
    ['other values unchanged', { given: { n: 1, b: true, z: null }, want: { n: 1, b: true, z: null } }],
  ])('%s', (_name, { given, want }) => {
    expect(scrubSecrets(given, ['S3CRET'])).toEqual(want);
  });
});
