export { createReplyClient, type ReplyClient } from './client.js';
export {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ReplyApiError,
  ReplyConfigError,
  ReplyConnectionError,
  ReplyError,
  ReplyTimeoutError,
} from './core/errors.js';
export type { PaginatedPath } from './generated/pagination.js';
export type { Impersonation } from './middleware/impersonation.js';
export {
  type FetchLike,
  type ReplyCallOptions,
  type ReplyClientOptions,
  type ReplyLogger,
  type ReplyUsage,
  replyClientDefaults,
} from './options.js';
export type { PageItem, PaginateArgs, PaginateInit } from './paginate.js';
export { type ReplyResult, type UnwrappedData, unwrap } from './unwrap.js';
