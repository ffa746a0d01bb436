import { describe, expect, it } from 'vitest';
import { convert } from '../src/document.js';
import type { PostmanCollection } from '../src/types.js';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function collection(extra: Partial<PostmanCollection>): PostmanCollection {
  return { info: { name: 'Demo', schema: SCHEMA }, item: [], ...extra };
}

const demo = collection({
  info: { name: 'Demo', schema: SCHEMA, version: { major: 2, minor: 1, patch: 0 }, description: 'About' },
  auth: {
    type: 'apikey',
    apikey: [
      { key: 'value', value: '{{apiKey}}' },
      { key: 'key', value: 'x-api-key' },
      { key: 'in', value: 'header' },
    ],
  },
  variable: [
    { key: 'baseUrl', value: 'https://api.demo.io' },
    { key: 'listId', value: '42' },
  ],
  item: [
    {
      name: 'Lists',
      description: 'List things',
      item: [
        { name: 'Delete list', request: { method: 'DELETE', url: '{{baseUrl}}/lists/{{listID}}' } },
        { name: 'Get list', request: { method: 'GET', url: '{{baseUrl}}/lists/{{listId}}/' } },
        { name: 'Get list again', request: { method: 'GET', url: '{{baseUrl}}/lists/{{listId}}?full=true' } },
      ],
    },
    { name: 'Empty folder', item: [] },
    { name: 'Ping', request: { method: 'GET', url: '{{baseUrl}}/ping', auth: { type: 'noauth' } } },
  ],
});

describe('convert', () => {
  const { document, warnings, requestCount } = convert(demo);

  it('writes OpenAPI 3.1.0 with info, servers, security and tags', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual({ title: 'Demo', version: '2.1.0', description: 'About' });
    expect(document.servers).toEqual([{ url: 'https://api.demo.io' }]);
    expect(document.security).toEqual([{ apiKeyAuth: [] }]);
    expect(document.components).toEqual({
      securitySchemes: { apiKeyAuth: { type: 'apiKey', name: 'x-api-key', in: 'header' } },
    });
    expect(document.tags).toEqual([{ name: 'Lists', description: 'List things' }]);
    expect(requestCount).toBe(4);
  });

  it('never substitutes variable values into paths; one spelling of parameter names per path', () => {
    expect(Object.keys(document.paths)).toEqual(['/lists/{listID}', '/ping']);
    expect(warnings.map((warning) => [warning.code, warning.location])).toEqual([
      ['path-param-renamed', 'Lists / Get list'],
      ['path-param-renamed', 'Lists / Get list again'],
    ]);
  });

  it('orders methods as the specification lists them and merges same method + path', () => {
    const item = document.paths['/lists/{listID}'] ?? {};
    expect(Object.keys(item)).toEqual(['get', 'delete']);
    expect(item.get?.operationId).toBe('getList');
    expect(item.get?.['x-postman-requests']).toEqual(['Get list', 'Get list again']);
    expect(item.delete?.operationId).toBe('deleteList');
  });

  it('marks a noauth request under a collection scheme with empty security', () => {
    expect(document.paths['/ping']?.get?.security).toEqual([]);
  });

  it('warns and renames when a later request spells a parameter differently', () => {
    const result = convert(
      collection({
        item: [
          { name: 'a', request: { url: 'https://x.io/lists/{{listId}}' } },
          { name: 'b', request: { method: 'DELETE', url: 'https://x.io/lists/{{listID}}' } },
        ],
      }),
    );
    expect(Object.keys(result.document.paths)).toEqual(['/lists/{listId}']);
    expect(result.document.paths['/lists/{listId}']?.delete?.parameters?.[0]?.name).toBe('listId');
    expect(result.warnings.map((warning) => [warning.code, warning.location])).toEqual([
      ['path-param-renamed', 'b'],
    ]);
  });

  it('gives byte-identical output for identical input, and JSON-compatible values only', () => {
    const again = JSON.stringify(convert(JSON.parse(JSON.stringify(demo))).document);
    expect(again).toBe(JSON.stringify(document));
    expect(JSON.parse(again)).toEqual(document);
  });

  it('reads the Postman API wrapper', () => {
    expect(convert({ collection: demo }).document).toEqual(document);
  });

  it('gives unique operationIds for requests with the same name', () => {
    const result = convert(
      collection({
        item: [
          { name: 'Get', request: { url: 'https://x.io/a' } },
          { name: 'Get', request: { url: 'https://x.io/b' } },
          { name: '', request: { url: 'https://x.io/c' } },
        ],
      }),
    );
    const ids = Object.values(result.document.paths).map((item) => item.get?.operationId);
    expect(ids).toEqual(['get', 'get2', 'getC']);
  });
});
