import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { compileSpec } from './compiled-spec.js';
import { FaultInjector, type FaultKind, type FaultOptions, type ScriptedFault } from './faults.js';
import { ApiHandler } from './handler.js';
import { BodyTooLargeError, listen, readBody, sendJson } from './http.js';
import { type MockServerOptions, resolveOptions } from './options.js';
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
  /** Both: faults off and recordings forgotten (like `POST /__mock/reset`). */
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
  const handler = new ApiHandler({ ...spec, options: config, faults, requests, hanging });

  const api: Omit<MockServer, 'url' | 'port' | 'close'> = {
    requests,
    operations: spec.operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
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

  let closing: Promise<void> | undefined;
  return {
    ...api,
    url: `http://${hostForUrl}:${port}`,
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
  };
}
