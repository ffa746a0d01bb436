import {
  describeIssue,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@replykit/mock-server';
import { afterAll, expect } from 'vitest';
import { createReplyClient, type ReplyClient, type ReplyClientOptions } from '../../src/index.js';

/** A realistic-looking key (long enough to be scrubbed from errors) that is obviously not real. */
export const testKey = 'TEST-mock-key-0000000000';

/**
 * Starts the mock Reply server for one test file and, when the file is done, checks the contract: every request
 * the client sent validated against the curated spec (the mock validates and records each one).
 */
export async function useMockServer(options: MockServerOptions = {}) {
  const mock = await startMockServer(options);
  let checked = 0;
  afterAll(async () => {
    const invalid = mock.requests
      .filter((request) => !request.validation.valid)
      .map(
        (request) =>
          `${request.method} ${request.path}: ${request.validation.issues.map(describeIssue).join('; ')}`,
      );
    checked = mock.requests.length;
    await mock.close();
    expect(invalid, 'requests sent by the client that do not match the spec').toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
  const client = (overrides: ReplyClientOptions = {}): ReplyClient =>
    createReplyClient({ apiKey: testKey, baseUrl: mock.url, throttle: false, ...overrides });
  return { mock: mock as MockServer, client };
}
