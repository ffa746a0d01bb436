import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { baseMediaType, isJsonMediaType, type ParsedBody } from './body.js';
import { ReplyMockConfigError } from './errors.js';
import type { JsonSchema, Operation, Parameter } from './operations.js';
import { deref, type OpenApiDocument } from './spec.js';

// ajv-formats is CJS with a default export; bundlers and Node disagree on where it lands.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** One reason a request does not match the spec. `field` is a dotted path (`contact.email`), empty for the whole body. */
export interface ValidationIssue {
  in: 'path' | 'query' | 'header' | 'body';
  field: string;
  message: string;
}

interface CompiledParameter {
  parameter: Parameter;
  schema: Record<string, unknown> | undefined;
  validate: ValidateFunction | undefined;
}

/** One documented request body media type, compiled. */
export interface CompiledBody {
  /** Base media type, lower-case; may be a media range with a wildcard. */
  mediaType: string;
  validate: ValidateFunction | undefined;
  /** The schema with top-level refs resolved, to coerce form fields by property type. */
  schema: Record<string, unknown> | undefined;
  /** Per form field, the content type from the media type's `encoding` (JSON parts get parsed). */
  encoding: Record<string, string>;
}

export interface CompiledOperation {
  parameters: CompiledParameter[];
  bodies: CompiledBody[];
  bodyRequired: boolean;
}

const SPEC_ID = 'replykit-mock:spec';

/** Compiles every schema of every operation once, at startup. */
export class SpecValidator {
  readonly #ajv: Ajv2020;
  readonly #doc: OpenApiDocument;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    // strict: false because OpenAPI schemas carry keywords JSON Schema does not know (example, discriminator, xml).
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, inlineRefs: false });
    addFormats(this.#ajv);
    // Refs like "#/components/schemas/Contact" resolve against this document.
    this.#ajv.addSchema({ $id: SPEC_ID, components: rewriteRefs(doc.components ?? {}) });
  }

  compile(operation: Operation): CompiledOperation {
    const where = `${operation.method} ${operation.path}`;
    const parameters = operation.parameters.map((parameter) => ({
      parameter,
      schema: parameter.schema === undefined ? undefined : this.resolveSchema(parameter.schema, where),
      validate:
        parameter.schema === undefined
          ? undefined
          : this.#compile(parameter.schema, `${where} ${parameter.name}`),
    }));
    const content = operation.requestBody?.content ?? {};
    const bodies = Object.entries(content).map(([type, media]) => {
      const encoding: Record<string, string> = {};
      for (const [field, value] of Object.entries(
        (media as { encoding?: Record<string, { contentType?: string }> }).encoding ?? {},
      )) {
        if (value?.contentType) encoding[field] = value.contentType;
      }
      return {
        mediaType: baseMediaType(type) ?? type,
        validate:
          media.schema === undefined
            ? undefined
            : this.#compile(media.schema, `${where} request body ${type}`),
        schema: media.schema === undefined ? undefined : this.resolveSchema(media.schema, where),
        encoding,
      };
    });
    return { parameters, bodies, bodyRequired: operation.requestBody?.required === true };
  }

  /** Follows `$ref`s at the top of a schema, to read its `type` for coercion. */
  resolveSchema(schema: JsonSchema, where: string): Record<string, unknown> | undefined {
    if (typeof schema !== 'object') return undefined;
    return deref(this.#doc, schema, where);
  }

  /** Compiles any schema of the spec (refs resolve against the document); for checking responses in tests. */
  compileSchema(schema: JsonSchema, where: string): ValidateFunction {
    return this.#compile(schema, where);
  }

  #compile(schema: JsonSchema, where: string): ValidateFunction {
    const rewritten = rewriteRefs(schema) as JsonSchema;
    // Many parameters share a schema (ids, the impersonation headers): compile each distinct one once.
    const key = JSON.stringify(rewritten);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    try {
      const validate = this.#ajv.compile(rewritten);
      this.#cache.set(key, validate);
      return validate;
    } catch (error) {
      throw new ReplyMockConfigError(
        `spec: schema of ${where} does not compile: ${(error as Error).message}`,
      );
    }
  }
}

/** Points local refs at the registered spec document so they resolve from any compiled sub-schema. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if ((key === '$ref' || key === '$dynamicRef') && typeof child === 'string' && child.startsWith('#')) {
      out[key] = `${SPEC_ID}${child}`;
    } else if (
      key === 'example' ||
      key === 'examples' ||
      key === 'const' ||
      key === 'default' ||
      key === 'enum'
    ) {
      out[key] = child;
    } else {
      out[key] = rewriteRefs(child);
    }
  }
  return out;
}

/** Turns ajv errors into issues naming the field, e.g. `contact.email must match format "email"`. */
export function toIssues(
  where: ValidationIssue['in'],
  name: string,
  errors: ErrorObject[] | null | undefined,
  value?: unknown,
): ValidationIssue[] {
  // Parameters are short: say what was sent.
  const got = where === 'body' || value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  const issues: ValidationIssue[] = [];
  for (const error of errors ?? []) {
    // "if"/"then" wrapper errors repeat the real ones.
    if (error.keyword === 'if') continue;
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      segments.push(String((error.params as { missingProperty: string }).missingProperty));
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const extra = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
      segments.push(String(extra.additionalProperty ?? extra.unevaluatedProperty));
      message = 'is not allowed';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const field = [name, ...segments].filter((s) => s !== '').join('.');
    issues.push({ in: where, field, message: `${message}${got}` });
  }
  return dedupe(issues);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.in}|${issue.field}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Converts a raw string parameter to the type its schema asks for, so ajv validates values, not strings.
 * Values that do not convert stay strings and fail validation with a clear message.
 */
export function coerceParameter(
  raw: string | string[],
  parameter: Parameter,
  schema: Record<string, unknown> | undefined,
  resolve: (schema: JsonSchema) => Record<string, unknown> | undefined,
): unknown {
  const types = schemaTypes(schema, resolve);
  if (types.has('array')) {
    const values = Array.isArray(raw)
      ? raw
      : parameter.explode && parameter.in === 'query'
        ? [raw]
        : raw.split(',');
    const items = schema?.items as JsonSchema | undefined;
    const itemSchema = items === undefined ? undefined : resolve(items);
    return values.map((value) => coerceScalar(value, schemaTypes(itemSchema, resolve)));
  }
  // A repeated scalar query parameter: ASP.NET binds the first value.
  const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  return coerceScalar(value, types);
}

function schemaTypes(
  schema: Record<string, unknown> | undefined,
  resolve: (schema: JsonSchema) => Record<string, unknown> | undefined,
  depth = 0,
): Set<string> {
  const types = new Set<string>();
  if (!schema || depth > 8) return types;
  const type = schema.type;
  if (typeof type === 'string') types.add(type);
  if (Array.isArray(type)) for (const t of type) types.add(String(t));
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      for (const t of schemaTypes(resolve(member as JsonSchema), resolve, depth + 1)) types.add(t);
    }
  }
  if (typeof schema.$ref === 'string') {
    for (const t of schemaTypes(resolve(schema), resolve, depth + 1)) types.add(t);
  }
  return types;
}

function coerceScalar(value: string, types: Set<string>): unknown {
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim())) {
    return Number(value);
  }
  if (types.has('boolean')) {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  if (types.has('null') && value === '') return null;
  return value;
}

/** Checks a parsed body against the operation's documented media types and their schemas. */
export function validateBody(
  compiled: CompiledOperation,
  body: ParsedBody,
  resolve: (schema: JsonSchema) => Record<string, unknown> | undefined,
): ValidationIssue[] {
  if (body.kind === 'none') {
    return compiled.bodyRequired ? [{ in: 'body', field: '', message: 'is required' }] : [];
  }
  // An operation without a documented body ignores whatever is sent, like ASP.NET does.
  if (compiled.bodies.length === 0) return [];
  const sent = body.mediaType ?? (body.kind === 'json' ? 'application/json' : 'text/plain');
  const declared =
    compiled.bodies.find((candidate) => candidate.mediaType === sent) ??
    compiled.bodies.find((candidate) => candidate.mediaType === `${sent.split('/')[0]}/*`) ??
    compiled.bodies.find((candidate) => candidate.mediaType === '*/*');
  if (!declared) {
    const expected = compiled.bodies.map((candidate) => candidate.mediaType).join(', ');
    return [{ in: 'body', field: '', message: `must be ${expected} (content-type ${JSON.stringify(sent)})` }];
  }
  if (body.error) {
    const what = body.kind === 'json' ? 'JSON' : 'form data';
    return [{ in: 'body', field: '', message: `is not valid ${what} (${body.error})` }];
  }
  if (!declared.validate) return [];
  const value =
    body.kind === 'form' ? coerceForm(body.value as Record<string, unknown>, declared, resolve) : body.value;
  return declared.validate(value) ? [] : toIssues('body', '', declared.validate.errors);
}

/** Form fields arrive as text: JSON-encoded parts are parsed, scalars converted to their property's type. */
function coerceForm(
  fields: Record<string, unknown>,
  declared: CompiledBody,
  resolve: (schema: JsonSchema) => Record<string, unknown> | undefined,
): Record<string, unknown> {
  const properties = (declared.schema?.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      out[name] = value;
    } else if (isJsonMediaType(declared.encoding[name])) {
      try {
        out[name] = JSON.parse(value);
      } catch {
        out[name] = value;
      }
    } else {
      const property = properties[name];
      out[name] = coerceScalar(
        value,
        schemaTypes(property === undefined ? undefined : resolve(property), resolve),
      );
    }
  }
  return out;
}
