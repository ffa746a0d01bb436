import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocsSpec, CHANGELOG_TAG, DOCS_TITLE, throttleNote } from '../src/docs-spec.js';
import { listOperations, type OpenApiDocument } from '../src/openapi.js';
import { MINI_SPEC } from './helpers/paths.js';

const curated = parse(readFileSync(MINI_SPEC, 'utf8')) as OpenApiDocument;
const content = {
  introduction: '# Getting started\n\nInstall it.\n',
  changelog: '## Unreleased\n\n- **minor**: x\n',
};

describe('buildDocsSpec', () => {
  const { spec, stats } = buildDocsSpec(curated, content);
  const operations = listOperations(spec);

  it('gives every operation a TypeScript and a curl sample, and team operations an actAs one', () => {
    for (const { operation } of operations) {
      const labels = (operation['x-codeSamples'] ?? []).map((sample) => sample.label);
      const team = operation.tags?.some((tag) => ['Contacts', 'Campaigns', 'Actions'].includes(tag));
      expect(labels).toEqual(team ? ['TypeScript', 'TypeScript (actAs)', 'curl'] : ['TypeScript', 'curl']);
    }
    expect(stats).toEqual({
      operations: 7,
      typescriptSamples: 7,
      actAsSamples: 6,
      curlSamples: 7,
      throttled: 2,
    });
  });

  it('puts the throttling note first in the description of each 10-second operation', () => {
    const start = operations.find((o) => o.operation.operationId === 'startCampaign');
    expect(start?.operation.description).toBe(`${throttleNote(10)}\n\nStarts sending the campaign's steps.`);
    const list = operations.find((o) => o.operation.operationId === 'listContacts');
    expect(list?.operation.description).not.toContain('10 seconds');
  });

  it('replaces the title and description with ours and adds the logo', () => {
    expect(spec.info.title).toBe(DOCS_TITLE);
    expect(spec.info.description).toBe('# Getting started\n\nInstall it.');
    expect(String((spec.info['x-logo'] as { url: string }).url)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('adds the changelog as a page of its own, grouped after the reference', () => {
    expect(spec.tags?.at(-1)).toEqual({
      name: CHANGELOG_TAG,
      description: content.changelog,
      'x-traitTag': true,
    });
    expect(spec['x-tagGroups']).toEqual([
      { name: 'API reference', tags: (curated.tags ?? []).map((tag) => tag.name) },
      { name: 'Project', tags: [CHANGELOG_TAG] },
    ]);
  });

  it('leaves the curated spec untouched', () => {
    expect(curated).toEqual(parse(readFileSync(MINI_SPEC, 'utf8')));
  });

  it.each([
    [
      'an operation without a summary',
      {
        mutate: (doc: OpenApiDocument) => {
          const get = doc.paths?.['/v2/billing/info']?.get as { summary?: string };
          delete get.summary;
        },
        want: 'docs: GET /v2/billing/info has no summary',
      },
    ],
    [
      'a spec without a team tag',
      {
        mutate: (doc: OpenApiDocument) => (doc.tags = doc.tags?.filter((tag) => tag.name !== 'Lists')),
        want: 'docs: team tags "Lists" are not in the spec',
      },
    ],
  ])('fails on %s', (_, { mutate, want }) => {
    const broken = structuredClone(curated);
    mutate(broken);
    expect(() => buildDocsSpec(broken, content)).toThrow(want);
  });
});
