import { describe, expect, it } from 'vitest';
import { ReplyConfigError } from '../../src/core/errors.js';
import { impersonationHeader } from '../../src/middleware/impersonation.js';

describe('impersonationHeader', () => {
  it.each([
    [
      'an e-mail',
      { given: { email: 'jane@example.com' }, want: { name: 'X-User-Email', value: 'jane@example.com' } },
    ],
    [
      'a plus address',
      {
        given: { email: 'jane+ops@mail.example.co.uk' },
        want: { name: 'X-User-Email', value: 'jane+ops@mail.example.co.uk' },
      },
    ],
    ['a user id', { given: { userId: 42 }, want: { name: 'X-User-Id', value: '42' } }],
  ])('accepts %s', (_name, { given, want }) => {
    expect(impersonationHeader(given)).toEqual(want);
  });

  it.each([
    [
      'both',
      {
        given: { email: 'jane@example.com', userId: 42 },
        want: 'actAs: pass either email or userId, not both',
      },
    ],
    ['neither', { given: {}, want: 'actAs: pass { email } or { userId }' }],
    ['null', { given: null, want: 'actAs: pass { email } or { userId }' }],
    [
      'an unknown key',
      { given: { user: 'jane' }, want: 'actAs: unknown option "user"; pass { email } or { userId }' },
    ],
    ['a zero id', { given: { userId: 0 }, want: 'actAs: userId must be a positive integer (got 0)' }],
    ['a negative id', { given: { userId: -3 }, want: 'actAs: userId must be a positive integer (got -3)' }],
    [
      'a fractional id',
      { given: { userId: 4.2 }, want: 'actAs: userId must be a positive integer (got 4.2)' },
    ],
    ['NaN', { given: { userId: Number.NaN }, want: 'actAs: userId must be a positive integer (got NaN)' }],
    [
      'a string id',
      { given: { userId: '42' }, want: 'actAs: userId must be a positive integer (got string "42")' },
    ],
    [
      'an id with CR/LF',
      {
        given: { userId: '4\r\n2' },
        want: 'actAs: userId must be a positive integer (got string "4\\r\\n2")',
      },
    ],
    [
      'an e-mail with CR/LF',
      {
        given: { email: 'jane@example.com\r\nX-Api-Key: x' },
        want: 'actAs: email contains a line break, control or non-ASCII character at index 16',
      },
    ],
    [
      'an e-mail with a tab',
      {
        given: { email: 'ja\tne@example.com' },
        want: 'actAs: email contains a line break, control or non-ASCII character at index 2',
      },
    ],
    [
      'a non-ASCII e-mail',
      {
        given: { email: 'jané@example.com' },
        want: 'actAs: email contains a line break, control or non-ASCII character at index 3',
      },
    ],
    [
      'an e-mail without @',
      {
        given: { email: 'jane.example.com' },
        want: 'actAs: email "jane.example.com" is not a valid e-mail address',
      },
    ],
    [
      'an e-mail without a domain dot',
      {
        given: { email: 'jane@localhost' },
        want: 'actAs: email "jane@localhost" is not a valid e-mail address',
      },
    ],
    [
      'an e-mail with a space',
      {
        given: { email: 'ja ne@example.com' },
        want: 'actAs: email "ja ne@example.com" is not a valid e-mail address',
      },
    ],
    ['a number e-mail', { given: { email: 42 }, want: 'actAs: email must be a string (got number)' }],
  ])('rejects %s', (_name, { given, want }) => {
    const attempt = () => impersonationHeader(given);
    expect(attempt).toThrow(ReplyConfigError);
    expect(attempt).toThrow(want);
  });
});
