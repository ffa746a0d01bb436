import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CollectionError, WarningSink } from '../src/errors.js';

describe('CollectionError', () => {
  it('carries code and location, and its message is one line starting with the location', () => {
    const error = new CollectionError(
      'not-json',
      'api.json',
      'not valid JSON at line 1, column 2 (ValueExpected)',
    );
    expect(error).toMatchObject({ name: 'CollectionError', code: 'not-json', location: 'api.json' });
    expect(error.message).toBe('api.json: not valid JSON at line 1, column 2 (ValueExpected)');
    expect(inspect(error)).toContain('CollectionError');
  });
});

describe('WarningSink', () => {
  it('keeps warnings in the order they are reported', () => {
    const sink = new WarningSink();
    sink.add('empty-url', 'A', 'one');
    sink.add('missing-status-code', 'B / r', 'two');
    expect(sink.list).toEqual([
      { code: 'empty-url', location: 'A', message: 'one' },
      { code: 'missing-status-code', location: 'B / r', message: 'two' },
    ]);
  });
});
