import { describe, expect, it } from 'vitest';
import type { Operation } from '../src/operations.js';
import { Router } from '../src/router.js';

function op(method: string, path: string): Operation {
  return {
    operationId: `${method} ${path}`,
    method,
    path,
    parameters: [],
    requestBody: undefined,
    responses: {},
    apiKeyHeaders: [],
    throttleSeconds: undefined,
  };
}

const router = new Router([
  op('GET', '/v1/people'),
  op('POST', '/v1/people'),
  op('GET', '/v1/people/{id}'),
  op('GET', '/v1/people/lists'),
  op('GET', '/v2/campaigns/{campaignId}/steps/{stepId}'),
  op('GET', '/v2/campaigns/{campaignId}/steps/default'),
  op('POST', '/v1/Actions/pushToCampaign'),
]);

describe('Router', () => {
  it.each([
    ['a literal path', { given: ['GET', '/v1/people'], want: { op: 'GET /v1/people', params: {} } }],
    ['by method', { given: ['POST', '/v1/people'], want: { op: 'POST /v1/people', params: {} } }],
    [
      'a parameter',
      { given: ['GET', '/v1/people/42'], want: { op: 'GET /v1/people/{id}', params: { id: '42' } } },
    ],
    [
      'a literal before a parameter',
      { given: ['GET', '/v1/people/lists'], want: { op: 'GET /v1/people/lists', params: {} } },
    ],
    [
      'a literal before a parameter, any case',
      { given: ['GET', '/v1/People/LISTS'], want: { op: 'GET /v1/people/lists', params: {} } },
    ],
    [
      'two parameters',
      {
        given: ['GET', '/v2/campaigns/7/steps/9'],
        want: {
          op: 'GET /v2/campaigns/{campaignId}/steps/{stepId}',
          params: { campaignId: '7', stepId: '9' },
        },
      },
    ],
    [
      'a literal last segment',
      {
        given: ['GET', '/v2/campaigns/7/steps/default'],
        want: { op: 'GET /v2/campaigns/{campaignId}/steps/default', params: { campaignId: '7' } },
      },
    ],
    [
      'a mixed-case template',
      {
        given: ['POST', '/v1/actions/pushtocampaign'],
        want: { op: 'POST /v1/Actions/pushToCampaign', params: {} },
      },
    ],
    ['a trailing slash', { given: ['GET', '/v1/people/'], want: { op: 'GET /v1/people', params: {} } }],
    [
      'a percent-encoded parameter',
      {
        given: ['GET', '/v1/people/a%40b.com'],
        want: { op: 'GET /v1/people/{id}', params: { id: 'a@b.com' } },
      },
    ],
    ['HEAD as GET', { given: ['HEAD', '/v1/people'], want: { op: 'GET /v1/people', params: {} } }],
  ] as const)('matches %s', (_name, { given, want }) => {
    const match = router.match(given[0], given[1]);
    expect(match.kind).toBe('operation');
    if (match.kind !== 'operation') return;
    expect(match.operation.operationId).toBe(want.op);
    expect(match.pathParams).toEqual(want.params);
  });

  it.each([
    ['an unknown path', { given: ['GET', '/v1/nothing'], want: { kind: 'not-found' } }],
    ['an empty parameter', { given: ['GET', '/v2/campaigns//steps/1'], want: { kind: 'not-found' } }],
    ['too many segments', { given: ['GET', '/v1/people/1/2'], want: { kind: 'not-found' } }],
    [
      'another method',
      {
        given: ['DELETE', '/v1/people'],
        want: { kind: 'method-not-allowed', template: '/v1/people', allow: ['GET', 'POST'] },
      },
    ],
  ] as const)('refuses %s', (_name, { given, want }) => {
    expect(router.match(given[0], given[1])).toEqual(want);
  });

  it('strips the base path of the first server URL', () => {
    const based = new Router([op('GET', '/people')], '/api/v1');
    expect(based.match('GET', '/api/v1/people').kind).toBe('operation');
    expect(based.match('GET', '/people').kind).toBe('operation');
  });
});
