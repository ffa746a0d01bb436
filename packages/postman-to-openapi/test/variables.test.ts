import { describe, expect, it } from 'vitest';
import { placeholderNames, readVariables, resolveVariables, toTemplate } from '../src/variables.js';

describe('variables', () => {
  const values = readVariables([
    { key: 'host', value: 'api.io' },
    { key: 'baseUrl', value: 'https://{{host}}' },
    { key: 'empty', value: '' },
    { id: 'legacyId', value: 3 },
    { key: 'off', value: 'x', disabled: true },
    { key: 'loop', value: '{{loop}}' },
  ]);

  it('keeps only variables with a value (v2.0 `id` names included)', () => {
    expect([...values]).toEqual([
      ['host', 'api.io'],
      ['baseUrl', 'https://{{host}}'],
      ['legacyId', '3'],
      ['loop', '{{loop}}'],
    ]);
  });

  const cases: Array<[string, { given: string; want: string }]> = [
    ['nested values resolve', { given: '{{baseUrl}}/v1', want: 'https://api.io/v1' }],
    ['unknown stays', { given: '{{nope}}/x', want: '{{nope}}/x' }],
    ['empty value stays a placeholder', { given: '{{empty}}', want: '{{empty}}' }],
    ['a cycle stops', { given: '{{loop}}', want: '{{loop}}' }],
  ];
  it.each(cases)('resolves: %s', (_name, { given, want }) => {
    expect(resolveVariables(given, values)).toBe(want);
  });

  it('lists placeholder names and turns them into templates', () => {
    expect(placeholderNames('{{ a }}.{{b}}')).toEqual(['a', 'b']);
    expect(toTemplate('{{a}}.x.{{ b }}')).toBe('{a}.x.{b}');
  });
});
