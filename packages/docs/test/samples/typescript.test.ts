import { readFileSync } from 'node:fs';
import { createReplyClient, ReplyConfigError } from '@replykit/client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listOperations, type OpenApiDocument, type ResolvedOperation } from '../../src/openapi.js';
import {
  isPaged,
  requestInit,
  resultName,
  sampleParameters,
  typescriptSample,
} from '../../src/samples/typescript.js';
import { curatedSpecPath, MINI_SPEC } from '../helpers/paths.js';

const doc = parse(readFileSync(MINI_SPEC, 'utf8')) as OpenApiDocument;
const operations = listOperations(doc);
const curated = parse(readFileSync(curatedSpecPath(), 'utf8')) as OpenApiDocument;
const curatedOperations = listOperations(curated);
function op(id: string): ResolvedOperation {
  const found = operations.find((o) => o.operation.operationId === id);
  if (!found) throw new Error(`fixture has no ${id}`);
  return found;
}
function curatedOp(id: string): ResolvedOperation {
  const found = curatedOperations.find((o) => o.operation.operationId === id);
  if (!found) throw new Error(`spec/openapi.yaml has no ${id}`);
  return found;
}

describe('typescriptSample', () => {
  it('writes a GET with a path parameter from its example, broken to fit 80 columns', () => {
    expect(typescriptSample(doc, op('listContactCampaigns'))).toBe(
      [
        "import { createReplyClient, unwrap } from '@replykit/client';",
        '',
        'const apiKey = process.env.REPLY_API_KEY;',
        'const reply = createReplyClient({ apiKey });',
        '',
        'const contactCampaigns = await unwrap(',
        "  reply.GET('/v1/people/{contactId}/sequences', {",
        '    params: { path: { contactId: 699466383 } },',
        '  }),',
        ');',
        'console.log(contactCampaigns);',
        '',
      ].join('\n'),
    );
  });

  it('writes a call without arguments when the operation needs none', () => {
    expect(typescriptSample(doc, op('getBillingInfo'))).toContain(
      "const billingInfo = await unwrap(reply.GET('/v2/billing/info'));\nconsole.log(billingInfo);",
    );
  });

  it('writes the request body from the first named example, quotes escaped', () => {
    const sample = typescriptSample(doc, op('createContact'));
    expect(sample).toContain(
      "reply.POST('/v1/people', {\n    body: {\n      email: 'john.smith@example.com',",
    );
    expect(sample).toContain("lastName: 'O\\'Brien',");
    expect(sample).toContain("customFields: [{ key: 'Team', value: 'Sales' }],");
  });

  it('does not assign the result of a call that returns no body', () => {
    const sample = typescriptSample(doc, op('deleteCampaign'));
    expect(sample).toContain("await unwrap(\n  reply.DELETE('/v2/campaigns/{campaignId}', {");
    expect(sample).not.toContain('console.log');
  });

  it('runs the call through actAs for a teammate when asked', () => {
    const sample = typescriptSample(doc, op('pushContactToCampaign'), { actAs: true });
    expect(sample).toContain("const asJane = reply.actAs({ email: 'jane@example.com' });");
    expect(sample).toContain("asJane.POST('/v1/actions/pushtocampaign'");
    expect(sample).not.toContain('reply.POST');
  });
});

describe('paged operations', () => {
  it.each([
    ['a GET with page and a page envelope', { given: 'listContacts', want: true }],
    ['a GET returning a plain array', { given: 'listContactCampaigns', want: false }],
    ['a POST', { given: 'createContact', want: false }],
  ])('%s', (_, { given, want }) => {
    expect(isPaged(doc, op(given))).toBe(want);
  });

  it('finds every page envelope of the curated spec, with or without a page parameter', () => {
    const paged = curatedOperations.filter((o) => isPaged(curated, o)).map((o) => o.path);
    expect(paged.sort()).toEqual([
      '/v1/campaigns/{campaignId}/people',
      '/v1/people',
      '/v1/people/list',
      '/v1/people/list/{listId}',
    ]);
  });

  it('marks exactly the operations that the built client paginates (one rule, implemented twice)', async () => {
    const reply = createReplyClient({ apiKey: 'docs-test-key', fetch: async () => Response.json({}) });
    const accepts = (path: string) =>
      reply
        .paginate(path as never, {} as never)
        .next()
        .then(
          () => true,
          (error: unknown) =>
            !(error instanceof ReplyConfigError && /not a paged operation/.test(error.message)),
        );
    for (const operation of curatedOperations.filter((o) => o.method === 'get')) {
      expect(isPaged(curated, operation), operation.path).toBe(await accepts(operation.path));
    }
  });

  it('shows the paginate loop after the single-page call, on the same client', () => {
    expect(typescriptSample(doc, op('listContacts'), { actAs: true })).toContain(
      "// Or every contact, page after page:\nfor await (const contact of asJane.paginate('/v1/people')) {\n  console.log(contact);\n}\n",
    );
    expect(typescriptSample(doc, op('listContactCampaigns'))).not.toContain('paginate');
  });

  it.each([
    [
      'listContactsInList',
      "for await (const contact of reply.paginate('/v1/people/list/{listId}', {\n  params: { path: { listId: 12345 } },\n})) {\n",
    ],
    [
      'listContactsInListByName',
      "for await (const contact of reply.paginate('/v1/people/list', {\n  params: { query: { name: 'My List' } },\n})) {\n",
    ],
  ])('passes the required parameters of %s to paginate, broken over lines when long', (operationId, want) => {
    expect(typescriptSample(curated, curatedOp(operationId))).toContain(want);
  });
});

describe('sampleParameters', () => {
  it.each([
    [
      'path parameters always, impersonation headers never',
      { given: 'listContactCampaigns', want: ['path contactId'] },
    ],
    [
      'the first documented filter when no query parameter is required',
      { given: 'listContacts', want: ['query email'] },
    ],
    ['nothing for an operation without parameters', { given: 'getBillingInfo', want: [] }],
  ])('%s', (_, { given, want }) => {
    expect(sampleParameters(doc, op(given)).map((p) => `${p.in} ${p.name}`)).toEqual(want);
  });

  it('passes every required query parameter and no optional one next to them', () => {
    const resolved: ResolvedOperation = {
      ...op('listContacts'),
      parameters: [
        { name: 'campaignId', in: 'query', required: true, schema: { type: 'integer' } },
        { name: 'from', in: 'query', example: 5, schema: { type: 'integer' } },
        { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
      ],
    };
    expect(requestInit(doc, resolved)).toEqual({
      params: { query: { campaignId: 12345 }, header: { 'X-Trace': 'example' } },
    });
  });
});

describe('resultName', () => {
  it.each([
    ['list… names the collection', { given: 'listContacts', want: 'contacts' }],
    ['create… names the item', { given: 'createContact', want: 'contact' }],
    ['get… names the item', { given: 'getBillingInfo', want: 'billingInfo' }],
    ['another verb gives result', { given: 'startCampaign', want: 'result' }],
    ['no response body gives nothing', { given: 'deleteCampaign', want: undefined }],
  ])('%s', (_, { given, want }) => {
    expect(resultName(doc, op(given))).toBe(want);
  });
});
