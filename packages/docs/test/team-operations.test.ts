import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../src/openapi.js';
import { isTeamOperation, missingTeamTags, TEAM_TAGS } from '../src/team-operations.js';
import { curatedSpecPath } from './helpers/paths.js';

describe('team operations', () => {
  it.each([
    ['a contacts operation', { given: ['Contacts'], want: true }],
    ['an email accounts operation', { given: ['Email Accounts'], want: true }],
    ['one team tag among others', { given: ['Billing', 'Campaigns'], want: true }],
    ['a webhooks operation', { given: ['Webhooks'], want: false }],
    ['an untagged operation', { given: [], want: false }],
  ])('%s', (_, { given, want }) => {
    expect(isTeamOperation({ tags: given })).toBe(want);
  });

  it('names only tags the curated spec has, so a renamed tag cannot silently drop the actAs samples', () => {
    const spec = parse(readFileSync(curatedSpecPath(), 'utf8')) as OpenApiDocument;
    expect(missingTeamTags(spec)).toEqual([]);
    expect(TEAM_TAGS.length).toBeGreaterThan(0);
  });

  it('reports the team tags a spec lacks', () => {
    const spec: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      tags: [{ name: 'Contacts' }],
    };
    expect(missingTeamTags(spec)).toEqual(TEAM_TAGS.filter((tag) => tag !== 'Contacts'));
  });
});
