import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveDirectory } from '../src/static-server.js';

const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'static-server');
const ROOT = join(OUTPUT, 'site');

const FILES: Record<string, string> = {
  'site/index.html': '<!doctype html><title>root index</title>',
  'site/app.js': 'export const app = 1;',
  'site/data.json': '{"ok":true}',
  'site/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'site/blob.xyz': 'opaque',
  'site/with space.txt': 'spaced',
  'site/nested/index.html': '<!doctype html><title>nested index</title>',
  // Outside the served root: reachable only by a path that leaves it.
  'package.json': '{"name":"outside"}',
  'site-secret/secret.txt': 'secret',
};

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

/** One GET with the path sent exactly as given (no client-side normalisation of `..`). */
function get(base: string, path: string, agent?: Agent): Promise<Answer & { socket: Socket | undefined }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(base);
    let socket: Socket | undefined;
    const req = request({ host: '127.0.0.1', port, path, agent: agent ?? false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
          socket,
        }),
      );
    });
    req.on('socket', (opened) => {
      socket = opened;
    });
    req.on('error', reject);
    req.end();
  });
}

let plain: StaticServer;
let spa: StaticServer;

beforeAll(async () => {
  rmSync(OUTPUT, { recursive: true, force: true });
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(join(OUTPUT, path, '..'), { recursive: true });
    writeFileSync(join(OUTPUT, path), content);
  }
  plain = await serveDirectory(ROOT);
  spa = await serveDirectory(ROOT, { spaFallback: true });
});

afterAll(async () => {
  await plain?.close();
  await spa?.close();
});

describe('serveDirectory', () => {
  it('listens on 127.0.0.1 on a port of its own', () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(spa.url).not.toBe(plain.url);
  });

  it.each<[string, { given: string; want: Answer }]>([
    ['an HTML file', { given: '/index.html', want: html('root index') }],
    ['the index of the root', { given: '/', want: html('root index') }],
    ['the index of a folder', { given: '/nested/', want: html('nested index') }],
    [
      'a JavaScript module',
      { given: '/app.js', want: { status: 200, type: 'text/javascript', body: FILES['site/app.js'] ?? '' } },
    ],
    ['JSON', { given: '/data.json', want: { status: 200, type: 'application/json', body: '{"ok":true}' } }],
    [
      'SVG',
      {
        given: '/logo.svg',
        want: { status: 200, type: 'image/svg+xml', body: FILES['site/logo.svg'] ?? '' },
      },
    ],
    [
      'an unknown extension',
      { given: '/blob.xyz', want: { status: 200, type: 'application/octet-stream', body: 'opaque' } },
    ],
    [
      'a percent-encoded name',
      { given: '/with%20space.txt', want: { status: 200, type: 'text/plain', body: 'spaced' } },
    ],
  ])('serves %s with its content type', async (_name, { given, want }) => {
    const { status, type, body } = await get(plain.url, given);
    expect({ status, type, body }).toEqual(want);
  });

  it.each<[string, { given: string }]>([
    ['a parent folder', { given: '/../package.json' }],
    ['an encoded parent folder', { given: '/%2e%2e/package.json' }],
    ['a sibling folder sharing the root as a prefix', { given: '/../site-secret/secret.txt' }],
    ['a missing file', { given: '/missing.html' }],
  ])('answers 404 for %s', async (_name, { given }) => {
    for (const server of [plain, spa]) {
      const { status, body } = await get(server.url, given);
      expect(status).toBe(404);
      expect(body).not.toMatch(/outside|secret/);
    }
  });

  it.each<[string, { given: string; want: { plain: number; spa: Answer } }]>([
    [
      'a client-side route',
      { given: '/operations/list-people', want: { plain: 404, spa: html('root index') } },
    ],
    [
      'a malformed percent escape',
      { given: '/%E0%A4%A.html', want: { plain: 404, spa: html('root index') } },
    ],
    [
      'a missing file with an extension',
      { given: '/missing.png', want: { plain: 404, spa: { status: 404, type: undefined, body: '' } } },
    ],
    [
      'an existing file',
      {
        given: '/data.json',
        want: { plain: 200, spa: { status: 200, type: 'application/json', body: '{"ok":true}' } },
      },
    ],
  ])(
    'with spaFallback, answers %s with index.html only where no file is meant',
    async (_name, { given, want }) => {
      expect((await get(plain.url, given)).status).toBe(want.plain);
      const { status, type, body } = await get(spa.url, given);
      expect({ status, type, body }).toEqual(want.spa);
    },
  );

  it('serves a file written after it started', async () => {
    writeFileSync(join(ROOT, 'late.json'), '{"late":true}');
    const { status, body } = await get(plain.url, '/late.json');
    expect({ status, body }).toEqual({ status: 200, body: '{"late":true}' });
  });

  it.each<[string, { given: string; want: RegExp }]>([
    [
      'a missing folder',
      { given: join(OUTPUT, 'nope'), want: /^serveDirectory: .*nope is not a directory$/ },
    ],
    [
      'a file',
      { given: join(OUTPUT, 'package.json'), want: /^serveDirectory: .*package\.json is not a directory$/ },
    ],
  ])('refuses %s as the root with one line naming it', async (_name, { given, want }) => {
    await expect(serveDirectory(given)).rejects.toThrow(want);
  });

  // 3 s: a close() that waited out the 5 s keep-alive or the 60 s header timeout fails.
  it.each<[string, { given: (url: string) => Promise<Socket> }]>([
    ['an idle keep-alive connection', { given: keptAlive }],
    ['a connection in the middle of a request', { given: halfSent }],
  ])(
    'close() ends %s and stops listening',
    async (_name, { given }) => {
      const server = await serveDirectory(ROOT);
      const socket = await given(server.url);
      expect(socket.destroyed).toBe(false);
      const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await server.close();
      await ended;
      await expect(get(server.url, '/data.json')).rejects.toThrow(/ECONNREFUSED/);
    },
    3_000,
  );
});

/** A socket that answered one request and stays open for the next (an HTTP keep-alive agent's). */
async function keptAlive(url: string): Promise<Socket> {
  const agent = new Agent({ keepAlive: true });
  const { status, socket } = await get(url, '/data.json', agent);
  expect(status).toBe(200);
  if (!socket) throw new Error('keptAlive: the request had no socket');
  return socket;
}

/** A socket that sent the start of a request's headers and waits. */
async function halfSent(url: string): Promise<Socket> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /data.json HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  socket.on('error', () => {});
  return socket;
}

function html(title: string): Answer {
  return {
    status: 200,
    type: 'text/html;charset=utf-8',
    body: `<!doctype html><title>${title}</title>`,
  };
}
