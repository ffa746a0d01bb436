import { statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve } from 'node:path';
import { lookup } from 'mrmime';
import sirv from 'sirv';

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Stops listening and ends every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /**
   * Answer `index.html` for a path without a file extension that names no file, as a single-page app's host
   * does, so client-side routes survive a reload. Off: such a path is a 404.
   */
  spaFallback?: boolean;
}

/**
 * Serves the files under `root` on 127.0.0.1 (a free port) with content types by extension, `index.html` for a
 * folder, 404 for anything missing and for any path that leaves `root` (`/../package.json`). Files are read on
 * each request, so files written after the start are served too.
 */
export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const dir = resolve(root);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`serveDirectory: ${dir} is not a directory`);
  }
  const handler = sirv(dir, {
    dev: true,
    single: options.spaFallback ?? false,
    // sirv sends an empty type for an extension it does not know; browsers would sniff it.
    setHeaders: (response, pathname) => {
      if (extname(pathname) !== '' && !lookup(pathname)) {
        response.setHeader('content-type', 'application/octet-stream');
      }
    },
  });
  const server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
