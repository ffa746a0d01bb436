export type { SchemaVersion } from './collection.js';
export { type ConvertOptions, type ConvertResult, convert } from './document.js';
export {
  CollectionError,
  type CollectionErrorCode,
  type ConversionWarning,
  type WarningCode,
} from './errors.js';
export type { TagNaming } from './folder.js';
export type * from './openapi.js';
export { toJson, toYaml } from './serialize.js';
export type { PostmanCollection } from './types.js';
