import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { compileSpec } from './compiled-spec.js';
import { FaultInjector, type FaultKind, type FaultOptions, type ScriptedFault } from './faults.js';
import { ApiHandler, type PagingState } from './handler.js';
import { BodyTooLargeError, listen, readBody, sendJson } from './http.js';
import { type MockServerOptions, resolveOptions } from './options.js';
import { checkPagedItems } from './page-envelope.js';
import {
  type ExecutionFilter,
  type ExecutionGroup,
  groupExecutions,
  type RecordedRequest,
} from './recorder.js';

export { DEFAULT_IDEMPOTENCY_HEADERS, type MockServerOptions } from './options.js';

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every API request in arrival order (admin `/__mock/*` calls are not recorded). Live: it grows. */
  readonly requests: readonly RecordedRequest[];
  /** The operations served, in spec order. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
  /** Where the spec was loaded from. */
  readonly specLocation: string;
  /** Replaces the random fault settings (and restarts the PRNG from the seed). */
  setFaults(options?: FaultOptions): void;
  /** Queues faults for the next matching requests, in order. */
  scriptFaults(...faults: (ScriptedFault | FaultKind)[]): void;
  /** Turns all faults off. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /**
   * Makes every page-envelope operation answer as if it held `pagedItems` items (like the option of that name);
   * `setPagedItems()` answers the examples as they are again.
   */
  setPagedItems(pagedItems?: number): void;
  /** The `pagedItems` in effect, `undefined` when paging is off. */
  readonly pagedItems: number | undefined;
  /** The operations that page with `pagedItems`: GETs whose 200 JSON response is a page envelope. */
  readonly pagedOperations: readonly { operationId: string; method: string; path: string; items: string }[];
  /** Faults off, recordings forgotten, `pagedItems` back to its start value (like `POST /__mock/reset`). */
  reset(): void;
  /** Executions grouped by idempotency key; `{ duplicatesOnly: true }` lists requests executed more than once. */
  executions(filter?: ExecutionFilter): ExecutionGroup[];
  /** Stops listening, ends hanging requests and open connections. */
  close(): Promise<void>;
}

/** Starts a Reply API mock on a real HTTP port. Rejects with `ReplyMockConfigError` for bad options or specs. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const config = resolveOptions(options);
  const spec = compileSpec(options.spec);
  const faults = new FaultInjector(options.faults);
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const paging: PagingState = { pagedItems: config.pagedItems, origin: '' };
  const handler = new ApiHandler({ ...spec, options: config, faults, requests, hanging, paging });
  const pagedOperations = [...spec.served.values()].flatMap(({ operation, paging: how }) =>
    how === undefined
      ? []
      : [
          {
            operationId: operation.operationId,
            method: operation.method,
            path: operation.path,
            items: how.envelope.itemsKey,
          },
        ],
  );

  const api: Omit<MockServer, 'url' | 'port' | 'close'> = {
    requests,
    operations: spec.operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
    pagedOperations,
    get pagedItems() {
      return paging.pagedItems;
    },
    setPagedItems: (next) => {
      paging.pagedItems = checkPagedItems(next);
    },
    specLocation: spec.location,
    setFaults: (next) => faults.configure(next),
    scriptFaults: (...next) => faults.script(next),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    reset: () => {
      faults.clear();
      requests.length = 0;
      paging.pagedItems = config.pagedItems;
    },
    executions: (filter) => groupExecutions(requests, filter),
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      res.setHeader('access-control-allow-origin', '*');
      const raw = await readBody(req, config.maxBodyBytes);
      if (url.pathname === '/__mock' || url.pathname.startsWith('/__mock/')) {
        handleAdmin({ req, res, url, method, raw, faults, api });
      } else {
        await handler.handle(req, res, url, method, raw);
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { message: `request body is larger than ${config.maxBodyBytes} bytes` });
      } else if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { message: `mock server bug: ${String(error)}` });
      }
    }
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  paging.origin = `http://${hostForUrl}:${port}`;

  let closing: Promise<void> | undefined;
  // Assigned onto `api`, not spread from it, so its `pagedItems` getter stays live.
  return Object.assign(api, {
    url: paging.origin,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  });
}
