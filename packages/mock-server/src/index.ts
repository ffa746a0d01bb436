export { ReplyMockConfigError } from './errors.js';
export {
  FAULT_HEADERS,
  FAULT_KINDS,
  type FaultKind,
  type FaultOptions,
  type RetryAfterFormat,
  type ScriptedFault,
} from './faults.js';
export { type ExecutionFilter, type ExecutionGroup, REDACTED, type RecordedRequest } from './recorder.js';
export {
  createRequestValidator,
  describeIssue,
  type RequestValidation,
  type RequestValidator,
  type RequestValidatorOptions,
} from './request-validator.js';
export {
  DEFAULT_IDEMPOTENCY_HEADERS,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from './server.js';
export { DEFAULT_SPEC_MODULE, type OpenApiDocument, type SpecSource } from './spec.js';
export type { ValidationIssue } from './validation.js';
