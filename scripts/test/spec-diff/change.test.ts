import { describe, expect, it } from 'vitest';
import {
  type Bump,
  bumpOf,
  type ChangeKind,
  change,
  formatChange,
  sortChanges,
} from '../../src/spec-diff/change.js';

describe('bumpOf', () => {
  const cases: [string, { given: ChangeKind[]; want: Bump }][] = [
    ['nothing', { given: [], want: 'none' }],
    ['documentation only', { given: ['summary-changed', 'example-changed'], want: 'patch' }],
    ['an addition among docs', { given: ['description-changed', 'operation-added'], want: 'minor' }],
    [
      'one breaking change wins',
      { given: ['operation-added', 'enum-value-removed', 'summary-changed'], want: 'major' },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(bumpOf(given.map((kind) => change(kind, 'GET /x')))).toBe(want);
  });
});

describe('sortChanges and formatChange', () => {
  it('puts the most severe first, keeps document order within a class, and aligns the class', () => {
    const changes = [
      change('summary-changed', 'GET /a'),
      change('operation-added', 'GET /b'),
      change('response-type-changed', 'GET /c › response 200 › id', 'integer → string'),
      change('enum-value-added', 'GET /d', '"x"'),
    ];
    expect(sortChanges(changes).map(formatChange)).toEqual([
      'major  GET /c › response 200 › id — response type changed: integer → string',
      'minor  GET /b — operation added',
      'minor  GET /d — enum value added: "x"',
      'patch  GET /a — summary changed',
    ]);
  });
});
