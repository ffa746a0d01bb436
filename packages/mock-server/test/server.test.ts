import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { call, FIXTURE_SPEC, startFixtureServer } from './helpers.js';

describe('startMockServer', () => {
  it('listens on an ephemeral port of 127.0.0.1 by default and stops on close()', async () => {
    const server = await startMockServer({ spec: FIXTURE_SPEC });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    await server.close();
    await server.close();
    await expect(fetch(`${server.url}/v1/ping`)).rejects.toThrow();
  });

  it('rejects a request body larger than maxBodyBytes with 413', async () => {
    const server = await startFixtureServer({ maxBodyBytes: 100 });
    const answer = await call(server, {
      method: 'POST',
      path: '/v1/people',
      body: { email: 'a@example.com', firstName: 'x'.repeat(200) },
    });
    expect(answer.status).toBe(413);
  });
});
