import { describe, expect, it } from 'vitest';
import { tsKey, tsLiteral, tsString } from '../../src/samples/ts-literal.js';

describe('tsString', () => {
  it.each([
    ['plain text', { given: 'John', want: "'John'" }],
    ['a single quote', { given: "O'Brien", want: "'O\\'Brien'" }],
    ['a backslash', { given: 'a\\b', want: "'a\\\\b'" }],
    ['line breaks and tabs', { given: 'a\nb\r\tc', want: "'a\\nb\\r\\tc'" }],
    ['a line separator', { given: 'a\u2028b', want: "'a\\u2028b'" }],
  ])('%s', (_, { given, want }) => {
    expect(tsString(given)).toBe(want);
  });
});

describe('tsKey', () => {
  it.each([
    ['an identifier stays bare', { given: 'firstName', want: 'firstName' }],
    ['a $ identifier stays bare', { given: '$filter', want: '$filter' }],
    ['a key with a space is quoted', { given: 'Secondary Email', want: "'Secondary Email'" }],
    ['a key with a dash is quoted', { given: 'x-api-key', want: "'x-api-key'" }],
    ['a key starting with a digit is quoted', { given: '1st', want: "'1st'" }],
  ])('%s', (_, { given, want }) => {
    expect(tsKey(given)).toBe(want);
  });
});

describe('tsLiteral', () => {
  it.each([
    ['null', { given: null, want: 'null' }],
    ['a number', { given: 12.5, want: '12.5' }],
    ['a boolean', { given: false, want: 'false' }],
    ['an empty object', { given: {}, want: '{}' }],
    ['an empty array', { given: [], want: '[]' }],
    ['a short object on one line', { given: { id: 1, name: 'A' }, want: "{ id: 1, name: 'A' }" }],
    ['a short array on one line', { given: [1, 'b'], want: "[1, 'b']" }],
    ['undefined members are left out', { given: { a: 1, b: undefined }, want: '{ a: 1 }' }],
    [
      'a long object broken over lines with trailing commas',
      {
        given: { email: 'john.smith@example.com', firstName: 'John', lastName: 'Smith', company: 'Acme' },
        want: "{\n  email: 'john.smith@example.com',\n  firstName: 'John',\n  lastName: 'Smith',\n  company: 'Acme',\n}",
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(tsLiteral(given)).toBe(want);
  });

  it('indents nested levels from the given indent', () => {
    const given = { steps: [{ subject: 'Quick question about your quarterly plans', body: 'Hello there' }] };
    expect(tsLiteral(given, 2)).toBe(
      "{\n    steps: [\n      {\n        subject: 'Quick question about your quarterly plans',\n        body: 'Hello there',\n      },\n    ],\n  }",
    );
  });

  it('breaks a literal that fits the default width when a narrower width is given', () => {
    expect(tsLiteral({ id: 1, name: 'A' }, 0, 10)).toBe("{\n  id: 1,\n  name: 'A',\n}");
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => tsLiteral(() => 1)).toThrow('cannot write a function as a TypeScript literal');
  });
});
