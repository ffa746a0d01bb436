import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/transport/call.js';

describe('pathOf', () => {
  it.each([
    ['plain', { given: 'https://api.reply.io/v1/people', want: '/v1/people' }],
    ['query', { given: 'https://api.reply.io/v1/people?email=a%40b.c&page=2', want: '/v1/people' }],
    ['hash', { given: 'http://127.0.0.1:4010/v2/schedules/1#x', want: '/v2/schedules/1' }],
    ['origin only', { given: 'https://api.reply.io', want: '/' }],
  ])('%s', (_name, { given, want }) => {
    expect(pathOf(given)).toBe(want);
  });
});
