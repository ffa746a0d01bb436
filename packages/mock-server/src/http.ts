import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ReplyMockConfigError } from './errors.js';

/** Small node:http helpers shared by the API handler and the admin endpoints. */

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a whole response; JSON unless the content type says otherwise; no body for HEAD, 204 and 304. */
export function send(
  res: ServerResponse,
  method: string,
  status: number,
  body: unknown,
  contentType: string | undefined,
  extra: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...extra };
  let payload: string | undefined;
  if (body !== undefined && status !== 204 && status !== 304) {
    const json = contentType === undefined || contentType.toLowerCase().includes('json');
    payload = json || typeof body !== 'string' ? JSON.stringify(body) : body;
    headers['content-type'] = contentType ?? 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, 'GET', status, body, 'application/json; charset=utf-8');
}

export function resetConnection(req: IncomingMessage): void {
  const socket = req.socket;
  // An RST (ECONNRESET at the client) where supported; a plain close otherwise.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new ReplyMockConfigError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function nonEmpty(value: string | string[] | undefined): boolean {
  const first = firstValue(value);
  return first !== undefined && first.trim() !== '';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
