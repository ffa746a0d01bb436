import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/document.js';
import { repoRoot } from './helpers.js';

/**
 * The Reply collection (spec/postman/) converts with every request accounted for: 94 requests, one operation
 * per distinct method + path, no `{{` left in any path. The contract other stages rely on is checked too.
 */
const text = readFileSync(join(repoRoot, 'spec/postman/reply-api.postman_collection.json'), 'utf8');
const collection = JSON.parse(text) as { item: Item[] };
interface Item {
  name: string;
  item?: Item[];
  request?: { method: string; url: { path: string[] } };
}

/** Requests as the collection lists them, with method + path normalized independently of the converter. */
function requests(items: Item[], folder = ''): Array<{ name: string; folder: string; key: string }> {
  return items.flatMap((item) => {
    if (item.item) return requests(item.item, item.name);
    const request = item.request as NonNullable<Item['request']>;
    const path = `/${request.url.path.filter((segment) => segment !== '').join('/')}`.replace(
      /\{\{[^}]+\}\}/g,
      '{}',
    );
    return [{ name: item.name, folder, key: `${request.method.toLowerCase()} ${path}` }];
  });
}

describe('the Reply collection', () => {
  const { document, warnings, requestCount } = convert(text);
  const listed = requests(collection.item);
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );

  it('has 94 requests and 76 distinct method + path pairs', () => {
    expect(requestCount).toBe(94);
    expect(listed).toHaveLength(94);
    expect(new Set(listed.map((request) => request.key)).size).toBe(76);
  });

  it('becomes exactly one operation per distinct method + path', () => {
    expect(operations).toHaveLength(76);
    const keys = operations.map(({ method, path }) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`);
    expect(new Set(keys)).toEqual(new Set(listed.map((request) => request.key)));
  });

  it('accounts for every request by name', () => {
    const names = operations.flatMap(
      ({ operation }) => operation['x-postman-requests'] ?? [operation.summary],
    );
    expect(names.sort()).toEqual(listed.map((request) => request.name).sort());
  });

  it('leaves no {{ in any path and no host in a path', () => {
    for (const { path } of operations) {
      expect(path).not.toContain('{{');
      expect(path).not.toContain('reply.io');
      expect(path).toMatch(/^\/[^/]/);
      expect(path).not.toMatch(/\/$/);
    }
  });

  it('keeps the contract: servers, apiKey security, path templates, ids, tags', () => {
    expect(document.servers).toEqual([{ url: 'https://api.reply.io' }]);
    expect(document.security).toEqual([{ apiKeyAuth: [] }]);
    expect(document.components?.securitySchemes).toEqual({
      apiKeyAuth: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    });
    const steps = document.paths['/v2/campaigns/{campaignId}/steps/{campaignStepID}'];
    expect(Object.keys(steps ?? {})).toEqual(['get', 'delete', 'patch']);
    const people = document.paths['/v1/people']?.get;
    expect(people).toMatchObject({
      operationId: 'getAllContacts',
      summary: 'Get All Contacts',
      tags: ['Contacts'],
    });
    expect(
      people?.parameters?.map((parameter) => [parameter.name, parameter.in, parameter.required]),
    ).toEqual([
      ['page', 'query', false],
      ['limit', 'query', false],
      ['id', 'query', false],
      ['email', 'query', false],
    ]);
    expect(document.paths['/v1/people']?.delete?.['x-postman-requests']).toEqual([
      'Delete Contact (by ID)',
      'Delete Contact (by Email)',
    ]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports the one path spelled two ways', () => {
    expect(warnings.map((warning) => [warning.code, warning.location])).toEqual([
      ['path-param-renamed', 'Lists / Delete List (by ID)'],
    ]);
    expect(document.paths['/v1/people/lists/{listId}']?.delete).toBeDefined();
  });
});
