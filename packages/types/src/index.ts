/**
 * Types for the Reply.io V1/V2 API, generated from the curated replykit OpenAPI 3.1 spec.
 * `paths`, `components` and `operations` come from openapi-typescript; every component schema also has a
 * readable alias (`Contact`, `Campaign`, ...). The spec itself ships as `@replykit/types/openapi.json`.
 */
export type { components, operations, paths } from './generated/openapi.js';
export type * from './generated/schemas.js';
