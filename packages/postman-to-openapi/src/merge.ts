import type { AuthResult } from './auth.js';
import type { BodySample } from './body.js';
import type {
  JsonSchema,
  MediaTypeObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  SecurityRequirement,
  ServerObject,
} from './openapi.js';
import type { RequestVariant } from './request.js';
import {
  classifyText,
  combineKinds,
  inferSchema,
  kindSchema,
  type ScalarKind,
  setEntry,
  typedValue,
} from './schema-inference.js';
import { resolveVariables, type VariableValues } from './variables.js';

/**
 * Merging: all requests that share method and path become one operation. Parameters are united, bodies and
 * responses keep every variant as a named example, and schemas are inferred from all of them together.
 */

interface MediaAccumulator {
  mediaType: string;
  /** The kind of the first sample; `mixed` when another kind followed (then no schema is claimed). */
  kind: BodySample['kind'] | 'mixed';
  exampleNames: string[];
  exampleValues: unknown[];
  /** Form fields by name (only for form bodies). */
  form:
    | Map<string, { kinds: ScalarKind[]; file: boolean; description: string | undefined; enabled: number }>
    | undefined;
  formSamples: number;
}

/** Collects body samples per media type and builds the OpenAPI `content` map. */
export class ContentBuilder {
  /** In first-seen order; a list, not a Map: a body or response nearly always has one media type. */
  private media: MediaAccumulator[] | undefined;

  get size(): number {
    return this.media === undefined ? 0 : this.media.length;
  }

  add(sample: BodySample, exampleName: string): void {
    const media = this.media;
    let acc: MediaAccumulator | undefined;
    for (let index = 0; media !== undefined && index < media.length && acc === undefined; index++) {
      if ((media[index] as MediaAccumulator).mediaType === sample.mediaType) acc = media[index];
    }
    if (acc === undefined) {
      acc = {
        mediaType: sample.mediaType,
        kind: sample.kind,
        exampleNames: NO_NAMES,
        exampleValues: NO_VALUES,
        form: undefined,
        formSamples: 0,
      };
      if (media === undefined) this.media = [acc];
      else media.push(acc);
    } else if (acc.kind !== sample.kind) {
      acc.kind = 'mixed';
    }
    switch (sample.kind) {
      case 'json':
        // The schema is inferred from the examples when the content is built (only if every sample is JSON).
        addExample(acc, exampleName, sample.value);
        break;
      case 'text':
        addExample(acc, exampleName, sample.value);
        break;
      case 'form': {
        acc.formSamples++;
        acc.form ??= new Map();
        const example: Record<string, unknown> = {};
        for (const field of sample.fields) {
          let entry = acc.form.get(field.key);
          if (entry === undefined) {
            entry = { kinds: [], file: false, description: undefined, enabled: 0 };
            acc.form.set(field.key, entry);
          }
          entry.file ||= field.file;
          entry.description ??= field.description;
          const kind = classifyText(field.value);
          if (kind !== undefined) entry.kinds.push(kind);
          if (field.disabled || Object.hasOwn(example, field.key)) continue;
          entry.enabled++;
          // Every enabled field is in the example (a required field missing from it would be invalid);
          // values that tell no type (empty, `{{variable}}`) are shown as written.
          const value = field.file ? (field.value ?? '') : field.value === undefined ? '' : field.value;
          setEntry(example, field.key, kind !== undefined && !field.file ? typedValue(value, kind) : value);
        }
        if (Object.keys(example).length > 0) addExample(acc, exampleName, example);
        break;
      }
      case 'binary':
        break;
    }
  }

  build(): Record<string, MediaTypeObject> {
    const content: Record<string, MediaTypeObject> = {};
    for (const acc of this.media ?? []) {
      const media: MediaTypeObject = {};
      const schema = mediaSchema(acc);
      if (schema !== undefined) media.schema = schema;
      if (acc.exampleNames.length > 0) {
        const examples: Record<string, { value: unknown }> = {};
        for (let index = 0; index < acc.exampleNames.length; index++) {
          setEntry(examples, acc.exampleNames[index] as string, { value: acc.exampleValues[index] });
        }
        media.examples = examples;
      }
      setEntry(content, acc.mediaType, media);
    }
    return content;
  }
}

/** Shared by accumulators without examples yet; replaced, never pushed to (see addExample). */
const NO_NAMES: string[] = [];
const NO_VALUES: unknown[] = [];

function addExample(acc: MediaAccumulator, name: string, value: unknown): void {
  const base = name || 'example';
  if (acc.exampleNames.length === 0) {
    // Most media types get one example: an array of one, not an empty array grown to 17 slots by push.
    acc.exampleNames = [base];
    acc.exampleValues = [value];
    return;
  }
  let unique = base;
  for (let suffix = 2; acc.exampleNames.includes(unique); suffix++) unique = `${base} (${suffix})`;
  acc.exampleNames.push(unique);
  acc.exampleValues.push(value);
}

function mediaSchema(acc: MediaAccumulator): JsonSchema | undefined {
  switch (acc.kind) {
    case 'json':
      return inferSchema(acc.exampleValues);
    case 'text':
      return { type: 'string' };
    case 'binary':
      return { type: 'string', format: 'binary' };
    case 'form': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, field] of acc.form ?? []) {
        const schema: JsonSchema = field.file
          ? { type: 'string', format: 'binary' }
          : kindSchema(combineKinds(field.kinds));
        if (field.description) schema.description = field.description;
        setEntry(properties, key, schema);
        if (field.enabled === acc.formSamples) required.push(key);
      }
      const schema: JsonSchema = { type: 'object', properties };
      if (required.length > 0) schema.required = required;
      return schema;
    }
    default:
      return undefined;
  }
}

/** Parameters whose values are likely credentials: typed, but their values never become examples. */
const SENSITIVE_NAME = /key|token|secret|passw|auth|session|cookie|signature|credential/i;

interface ParamAccumulator {
  /** The name as compared (lower case for headers). */
  id: string;
  name: string;
  description: string | undefined;
  /** Variants in which the parameter is present and enabled. */
  enabled: number;
  kinds: ScalarKind[];
  example: unknown;
  /** Repeated within one request (`?id=1&id=2`): an array parameter. */
  repeated: boolean;
  /** The last variant (by index) that had the parameter, and the last one that had it enabled. */
  seenIn: number;
  enabledIn: number;
}

interface ParamEntry {
  key: string;
  value: string | undefined;
  disabled: boolean;
  description: string | undefined;
}

function collectParams(
  variants: readonly RequestVariant[],
  query: boolean,
  caseInsensitive: boolean,
): ParamAccumulator[] {
  // A list searched by name: operations have a handful of parameters, and most have none.
  const params: ParamAccumulator[] = [];
  for (let variantIndex = 0; variantIndex < variants.length; variantIndex++) {
    const variant = variants[variantIndex] as RequestVariant;
    const entries: readonly ParamEntry[] = query ? variant.query : variant.headers;
    for (const entry of entries) {
      const id = caseInsensitive ? entry.key.toLowerCase() : entry.key;
      let param: ParamAccumulator | undefined;
      for (let index = 0; index < params.length && param === undefined; index++) {
        if ((params[index] as ParamAccumulator).id === id) param = params[index];
      }
      if (param === undefined) {
        param = {
          id,
          name: entry.key,
          description: undefined,
          enabled: 0,
          kinds: [],
          example: undefined,
          repeated: false,
          seenIn: -1,
          enabledIn: -1,
        };
        params.push(param);
      }
      if (param.seenIn === variantIndex) param.repeated = true;
      param.seenIn = variantIndex;
      param.description ??= entry.description;
      const kind = classifyText(entry.value);
      if (kind !== undefined) {
        param.kinds.push(kind);
        if (param.example === undefined && entry.value !== undefined && !SENSITIVE_NAME.test(entry.key)) {
          param.example = typedValue(entry.value, kind);
        }
      }
      if (!entry.disabled && param.enabledIn !== variantIndex) {
        param.enabledIn = variantIndex;
        param.enabled++;
      }
    }
  }
  return params;
}

function toParameter(
  param: ParamAccumulator,
  location: 'query' | 'header',
  variantCount: number,
  variables: VariableValues,
): ParameterObject {
  const scalar = kindSchema(combineKinds(param.kinds));
  const result = { name: param.name, in: location } as ParameterObject;
  if (param.description) result.description = resolveVariables(param.description, variables);
  result.required = param.enabled === variantCount;
  result.schema = param.repeated ? { type: 'array', items: scalar } : scalar;
  if (param.example !== undefined) {
    const kind = combineKinds(param.kinds);
    // An example must match the merged type (an integer example of a parameter that is now a string is not).
    const example =
      kind === 'string' && typeof param.example !== 'string' ? String(param.example) : param.example;
    result.example = param.repeated ? [example] : example;
  }
  return result;
}

function pathParameters(
  variants: readonly RequestVariant[],
  names: readonly string[],
  variables: VariableValues,
): ParameterObject[] {
  return names.map((name, position) => {
    let description: string | undefined;
    const kinds: ScalarKind[] = [];
    let example: unknown;
    for (const variant of variants) {
      // Variants may spell the parameter differently; match by position in the template.
      const own = variant.template.params[position] ?? name;
      const variable = variant.pathVariables.get(own);
      if (variable === undefined) continue;
      description ??= variable.description;
      const kind = classifyText(variable.value);
      if (kind !== undefined && variable.value !== undefined) {
        kinds.push(kind);
        example ??= typedValue(variable.value, kind);
      }
    }
    const parameter = { name, in: 'path' } as ParameterObject;
    if (description) parameter.description = resolveVariables(description, variables);
    parameter.required = true;
    const kind = combineKinds(kinds);
    parameter.schema = kindSchema(kind);
    if (example !== undefined) parameter.example = kind === 'string' ? String(example) : example;
    return parameter;
  });
}

function requestBody(variants: readonly RequestVariant[]): RequestBodyObject | undefined {
  let builder: ContentBuilder | undefined;
  let withBody = 0;
  for (const variant of variants) {
    if (variant.body === undefined) continue;
    withBody++;
    builder ??= new ContentBuilder();
    builder.add(variant.body, variant.name);
  }
  if (builder === undefined) return undefined;
  return { content: builder.build(), required: withBody === variants.length };
}

function statusOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'default') return 1;
  if (b === 'default') return -1;
  return a < b ? -1 : 1;
}

interface StatusEntry {
  status: string;
  description: string;
  content: ContentBuilder | undefined;
}

function byStatus(a: StatusEntry, b: StatusEntry): number {
  return statusOrder(a.status, b.status);
}

function responses(variants: readonly RequestVariant[]): Record<string, ResponseObject> | undefined {
  // A list searched by status: an operation has a few status codes at most.
  let entries: StatusEntry[] | undefined;
  for (const variant of variants) {
    for (const response of variant.responses) {
      let entry: StatusEntry | undefined;
      for (let index = 0; entries !== undefined && index < entries.length && entry === undefined; index++) {
        if ((entries[index] as StatusEntry).status === response.status) entry = entries[index];
      }
      if (entry === undefined) {
        entry = { status: response.status, description: response.description, content: undefined };
        if (entries === undefined) entries = [entry];
        else entries.push(entry);
      }
      if (response.body !== undefined) {
        entry.content ??= new ContentBuilder();
        entry.content.add(response.body, response.name);
      }
    }
  }
  if (entries === undefined) return undefined;
  if (entries.length > 1) entries.sort(byStatus);
  const result: Record<string, ResponseObject> = {};
  for (const entry of entries) {
    const response: ResponseObject = { description: entry.description };
    if (entry.content !== undefined && entry.content.size > 0) response.content = entry.content.build();
    setEntry(result, entry.status, response);
  }
  return result;
}

function hasServer(servers: readonly ServerObject[], url: string): boolean {
  for (const server of servers) if (server.url === url) return true;
  return false;
}

/** A fresh copy of a (shared, cached) server object. */
export function copyServer(server: ServerObject): ServerObject {
  return structuredClone(server);
}

/** A fresh copy, so no two places of the document share (and co-mutate) one object. */
export function copyRequirement(requirement: SecurityRequirement): SecurityRequirement {
  const copy: SecurityRequirement = {};
  for (const name of Object.keys(requirement)) copy[name] = (requirement[name] as string[]).slice();
  return copy;
}

function sameAuth(a: AuthResult, b: AuthResult): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The operation's `security`, or undefined when every variant uses the document-wide auth. */
function security(
  variants: readonly RequestVariant[],
  rootAuth: AuthResult,
): SecurityRequirement[] | undefined {
  if (variants.every((variant) => sameAuth(variant.auth, rootAuth))) return undefined;
  const requirements: SecurityRequirement[] = [];
  if (variants.length === 1) {
    // One request: nothing to deduplicate.
    const auth = (variants[0] as RequestVariant).auth;
    if (auth !== undefined && auth !== 'none') requirements.push(copyRequirement(auth));
    return requirements;
  }
  const seen = new Set<SecurityRequirement | string>();
  let anonymous = false;
  for (const variant of variants) {
    if (variant.auth === undefined || variant.auth === 'none') {
      anonymous = true;
      continue;
    }
    // Requirements are shared objects per scheme; only oauth2 (scopes) needs comparing by value.
    const key = seen.has(variant.auth) ? variant.auth : JSON.stringify(variant.auth);
    if (!seen.has(key)) {
      seen.add(variant.auth);
      seen.add(key);
      requirements.push(copyRequirement(variant.auth));
    }
  }
  // No auth at all is `[]`; auth that some variants skip adds the empty (anonymous) requirement.
  if (anonymous && requirements.length > 0) requirements.push({});
  return requirements;
}

function describe(variants: readonly RequestVariant[]): string | undefined {
  const first = variants[0] as RequestVariant;
  if (variants.length === 1) return first.description;
  const parts: string[] = [];
  if (first.description) parts.push(first.description);
  for (const variant of variants.slice(1)) {
    parts.push(
      `**${variant.name || '(unnamed request)'}**${variant.description ? `\n\n${variant.description}` : ''}`,
    );
  }
  return parts.join('\n\n---\n\n');
}

export interface MergeContext {
  operationId: string;
  rootAuth: AuthResult;
  defaultServer: string | undefined;
  /** The path's parameter names (one spelling per path, from the first request using it). */
  pathParams: readonly string[];
  /** Collection variables, to resolve `{{name}}` in parameter descriptions. */
  variables: VariableValues;
}

/** Build one operation from the requests (in collection order) that share its method and path. */
export function mergeVariants(variants: readonly RequestVariant[], context: MergeContext): OperationObject {
  const first = variants[0] as RequestVariant;
  const operation = {} as OperationObject;
  // Arrays kept in the document are made at their final length (a pushed-to array keeps 17 slots or more).
  const tags = first.tags.slice();
  for (let index = 1; index < variants.length; index++) {
    for (const tag of (variants[index] as RequestVariant).tags) if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > 0) operation.tags = variants.length === 1 ? tags : tags.slice();
  if (first.name) operation.summary = first.name;
  const description = describe(variants);
  if (description) operation.description = description;
  operation.operationId = context.operationId;
  const path = pathParameters(variants, context.pathParams, context.variables);
  const query = collectParams(variants, true, false).map((param) =>
    toParameter(param, 'query', variants.length, context.variables),
  );
  const header = collectParams(variants, false, true).map((param) =>
    toParameter(param, 'header', variants.length, context.variables),
  );
  if (path.length + query.length + header.length > 0) {
    operation.parameters = query.length + header.length === 0 ? path : path.concat(query, header);
  }
  const body = requestBody(variants);
  if (body) operation.requestBody = body;
  const responseMap = responses(variants);
  if (responseMap) operation.responses = responseMap;
  const requirements = security(variants, context.rootAuth);
  if (requirements) operation.security = requirements;
  // Servers are cached per host, so requests of one operation nearly always share one object (or have none).
  let servers: ServerObject[] | undefined;
  for (const variant of variants) {
    const server = variant.server;
    if (server === undefined) continue;
    if (servers === undefined) servers = [server];
    else if (!hasServer(servers, server.url)) servers.push(server);
  }
  if (servers !== undefined && !(servers.length === 1 && servers[0]?.url === context.defaultServer)) {
    operation.servers = servers.map(copyServer);
  }
  if (variants.length > 1) operation['x-postman-requests'] = variants.map((variant) => variant.name);
  return operation;
}
