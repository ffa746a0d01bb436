import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '../src/index.js';
import {
  createRequestValidator,
  type FaultKind,
  type MockServer,
  type RecordedRequest,
  ReplyMockConfigError,
  type RequestValidation,
  type RequestValidator,
  type ScriptedFault,
  startMockServer,
} from '../src/index.js';

describe('public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DEFAULT_IDEMPOTENCY_HEADERS',
      'DEFAULT_SPEC_MODULE',
      'FAULT_HEADERS',
      'FAULT_KINDS',
      'REDACTED',
      'ReplyMockConfigError',
      'createRequestValidator',
      'describeIssue',
      'startMockServer',
    ]);
    expect(api.FAULT_HEADERS).toEqual({
      fault: 'x-mock-fault',
      delayMs: 'x-mock-delay-ms',
      retryAfter: 'x-mock-retry-after',
    });
    expect(api.DEFAULT_SPEC_MODULE).toBe('@replykit/types/openapi.json');
  });

  it('has a named, catchable config error', () => {
    const error = new ReplyMockConfigError('port must be an integer');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ReplyMockConfigError');
    expect(String(error)).toBe('ReplyMockConfigError: port must be an integer');
  });

  it('types the server, its recordings, its faults and the request validator', () => {
    expectTypeOf(startMockServer).returns.resolves.toEqualTypeOf<MockServer>();
    expectTypeOf<MockServer['requests']>().toEqualTypeOf<readonly RecordedRequest[]>();
    expectTypeOf<FaultKind>().toEqualTypeOf<
      429 | 500 | 502 | 503 | 'reset' | 'reset-after-execute' | 'hang'
    >();
    expectTypeOf<MockServer['scriptFaults']>().parameters.toEqualTypeOf<(ScriptedFault | FaultKind)[]>();
    expectTypeOf(createRequestValidator).returns.toEqualTypeOf<RequestValidator>();
    expectTypeOf<RequestValidator>().returns.resolves.toEqualTypeOf<RequestValidation>();
    expectTypeOf<RequestValidator>().parameters.toEqualTypeOf<[Request]>();
    // @ts-expect-error 404 is not an injectable fault
    const bad: FaultKind = 404;
    expect(bad).toBe(404);
  });
});
