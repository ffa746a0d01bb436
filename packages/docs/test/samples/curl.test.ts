import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listOperations, type OpenApiDocument } from '../../src/openapi.js';
import { curlSample, shellQuote } from '../../src/samples/curl.js';
import { MINI_SPEC } from '../helpers/paths.js';

const doc = parse(readFileSync(MINI_SPEC, 'utf8')) as OpenApiDocument;
const sampleOf = (id: string) => {
  const resolved = listOperations(doc).find((o) => o.operation.operationId === id);
  if (!resolved) throw new Error(`fixture has no ${id}`);
  return curlSample(doc, resolved);
};

describe('curlSample', () => {
  it.each([
    [
      'a GET with its path parameter filled in and the key from the environment',
      {
        given: 'listContactCampaigns',
        want: `curl 'https://api.reply.io/v1/people/699466383/sequences' \\\n  -H "x-api-key: $REPLY_API_KEY"\n`,
      },
    ],
    [
      'a GET with an encoded query parameter',
      {
        given: 'listContacts',
        want: `curl 'https://api.reply.io/v1/people?email=john.smith%40example.com' \\\n  -H "x-api-key: $REPLY_API_KEY"\n`,
      },
    ],
    [
      'a DELETE names its method',
      {
        given: 'deleteCampaign',
        want: `curl -X DELETE 'https://api.reply.io/v2/campaigns/12345' \\\n  -H "x-api-key: $REPLY_API_KEY"\n`,
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(sampleOf(given)).toBe(want);
  });

  it('sends the JSON body with its content type, single quotes in it escaped for the shell', () => {
    const sample = sampleOf('createContact');
    expect(sample).toContain(
      `curl -X POST 'https://api.reply.io/v1/people' \\\n  -H "x-api-key: $REPLY_API_KEY" \\\n`,
    );
    expect(sample).toContain(
      `-H 'Content-Type: application/json' \\\n  -d '{\n  "email": "john.smith@example.com",`,
    );
    expect(sample).toContain(`"lastName": "O'\\''Brien"`);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain text', { given: 'abc', want: "'abc'" }],
    ['a dollar sign stays literal', { given: '$HOME', want: "'$HOME'" }],
    ['a single quote', { given: "it's", want: "'it'\\''s'" }],
  ])('%s', (_, { given, want }) => {
    expect(shellQuote(given)).toBe(want);
  });
});
