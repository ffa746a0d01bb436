import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultOptions, ScriptedFault } from './faults.js';
import { checkPagedItems } from './page-envelope.js';
import type { MockServer } from './server.js';

export interface AdminContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  raw: Buffer;
  faults: FaultInjector;
  api: Omit<MockServer, 'url' | 'port' | 'close'>;
}

/**
 * The admin endpoints under `/__mock/`, for tests in any language: read recordings, script faults.
 * They need no API key, are never faulted and are not recorded.
 */
export function handleAdmin(context: AdminContext): void {
  let status: number;
  let body: unknown;
  try {
    [status, body] = answer(context);
  } catch (error) {
    [status, body] = [400, { message: (error as Error).message }];
  }
  const payload = body === undefined ? undefined : JSON.stringify(body);
  context.res.writeHead(
    status,
    payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
  );
  context.res.end(payload);
}

function answer({ url, method, raw, faults, api }: AdminContext): [number, unknown] {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const query = url.searchParams;
  switch (route) {
    case 'GET /__mock/health':
      return [200, { ok: true, operations: api.operations.length, spec: api.specLocation }];
    case 'GET /__mock/requests':
      return [200, { requests: api.requests }];
    case 'DELETE /__mock/requests':
      api.clearRequests();
      return [204, undefined];
    case 'GET /__mock/executions':
      return [
        200,
        {
          executions: api.executions({
            ...(query.get('method') ? { method: query.get('method') as string } : {}),
            ...(query.get('operationId') ? { operationId: query.get('operationId') as string } : {}),
            duplicatesOnly: ['1', 'true'].includes(query.get('duplicates') ?? ''),
          }),
        },
      ];
    case 'GET /__mock/faults':
      return [200, faults.state];
    case 'POST /__mock/faults':
    case 'PUT /__mock/faults':
      faults.configure(parseJson(raw) as FaultOptions);
      return [200, faults.state];
    case 'POST /__mock/faults/script': {
      const body = parseJson(raw);
      faults.script((Array.isArray(body) ? body : [body]) as ScriptedFault[], 'body');
      return [200, faults.state];
    }
    case 'DELETE /__mock/faults':
      faults.clear();
      return [204, undefined];
    case 'GET /__mock/paging':
      return [200, pagingState(api)];
    case 'POST /__mock/paging':
    case 'PUT /__mock/paging':
      api.setPagedItems(parsePaging(parseJson(raw)));
      return [200, pagingState(api)];
    case 'DELETE /__mock/paging':
      api.setPagedItems();
      return [204, undefined];
    case 'POST /__mock/reset':
      api.reset();
      return [204, undefined];
    default:
      return [404, { message: `No admin endpoint ${route}; see the @replykit/mock-server README` }];
  }
}

function pagingState(api: AdminContext['api']) {
  return { pagedItems: api.pagedItems ?? null, operations: api.pagedOperations };
}

/** `{ "pagedItems": 250 }`, or `{ "pagedItems": null }` for paging off. */
function parsePaging(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(
      `paging body must be an object like {"pagedItems": 250} (got ${JSON.stringify(body) ?? 'nothing'})`,
    );
  }
  const unknown = Object.keys(body).find((key) => key !== 'pagedItems');
  if (unknown !== undefined) throw new Error(`paging.${unknown} is not a paging setting (known: pagedItems)`);
  const { pagedItems } = body as { pagedItems?: unknown };
  return checkPagedItems(pagedItems ?? undefined, 'paging.pagedItems');
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error('admin request body is not valid JSON');
  }
}
