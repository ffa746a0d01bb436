/**
 * The parts of the Postman collection format (schema v2.0.0 and v2.1.0) the converter reads.
 * Written from the published JSON Schemas; every field is optional because real exports omit them.
 */

export type PostmanDescription = string | { content?: string; type?: string; version?: unknown } | null;

/** v2.1 stores auth parameters as `{ key, value }` arrays, v2.0 as plain objects. */
export type PostmanAuthParams =
  | Array<{ key?: string; value?: unknown; type?: string }>
  | Record<string, unknown>;

export interface PostmanAuth {
  type?: string;
  [scheme: string]: PostmanAuthParams | string | undefined;
}

export interface PostmanVariable {
  id?: string;
  key?: string;
  value?: unknown;
  type?: string;
  name?: string;
  description?: PostmanDescription;
  disabled?: boolean;
}

export interface PostmanQueryParam {
  key?: string | null;
  value?: string | null;
  disabled?: boolean;
  description?: PostmanDescription;
}

export interface PostmanUrlObject {
  raw?: string;
  protocol?: string;
  host?: string | string[];
  port?: string;
  path?: string | Array<string | { type?: string; value?: string }>;
  query?: PostmanQueryParam[];
  hash?: string;
  variable?: PostmanVariable[];
}

export type PostmanUrl = string | PostmanUrlObject;

export interface PostmanHeader {
  key?: string;
  value?: string;
  disabled?: boolean;
  description?: PostmanDescription;
}

export interface PostmanFormField {
  key?: string;
  value?: unknown;
  src?: unknown;
  type?: string;
  disabled?: boolean;
  contentType?: string;
  description?: PostmanDescription;
}

export interface PostmanBody {
  mode?: string;
  raw?: string;
  urlencoded?: PostmanFormField[];
  formdata?: PostmanFormField[];
  file?: { src?: string | null; content?: string };
  graphql?: { query?: string; variables?: string | Record<string, unknown> };
  options?: { raw?: { language?: string } };
  disabled?: boolean;
}

export interface PostmanRequest {
  url?: PostmanUrl;
  method?: string;
  header?: PostmanHeader[] | string | null;
  body?: PostmanBody | null;
  auth?: PostmanAuth | null;
  description?: PostmanDescription;
}

export interface PostmanResponse {
  name?: string;
  originalRequest?: PostmanRequest;
  status?: string;
  code?: number;
  header?: PostmanHeader[] | string | null;
  body?: string | null;
  _postman_previewlanguage?: string | null;
}

export interface PostmanItem {
  id?: string;
  name?: string;
  description?: PostmanDescription;
  request?: PostmanRequest | string;
  response?: PostmanResponse[];
  /** Present on folders (item groups). */
  item?: PostmanItem[];
  auth?: PostmanAuth | null;
  variable?: PostmanVariable[];
}

export interface PostmanInfo {
  name?: string;
  _postman_id?: string;
  description?: PostmanDescription;
  version?: string | { major?: number; minor?: number; patch?: number; identifier?: string };
  schema?: string;
}

export interface PostmanCollection {
  info: PostmanInfo;
  item: PostmanItem[];
  auth?: PostmanAuth | null;
  variable?: PostmanVariable[];
}

/** Read a Postman description, which is either a string or `{ content }`. */
export function descriptionText(description: PostmanDescription | undefined): string | undefined {
  if (description == null) return undefined;
  const text = typeof description === 'string' ? description : description.content;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
