import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { type MockServer, type MockServerOptions, startMockServer } from '../src/index.js';

export const FIXTURE_SPEC = fileURLToPath(new URL('./fixtures/mini-reply.openapi.yaml', import.meta.url));
export const API_KEY = 'test-key-canary-7f3a';
export const AUTH = { 'x-api-key': API_KEY };

const started: MockServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** Starts a mock server on the fixture spec; closed automatically after each test. */
export async function startFixtureServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ spec: FIXTURE_SPEC, ...options });
  started.push(server);
  return server;
}

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** One request with the test API key (unless headers override it), the body sent as JSON. */
export async function call(
  server: MockServer,
  { method = 'GET', path, headers = {}, body }: Call,
): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...AUTH, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
