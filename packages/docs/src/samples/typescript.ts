import {
  deref,
  isObject,
  type OpenApiDocument,
  type ParameterObject,
  type ResolvedOperation,
  type SchemaObject,
} from '../openapi.js';
import { type BodyPart, partFileName, type SampleBody, sampleBody } from './body.js';
import { hasDocumentedValue, parameterValue } from './example-values.js';
import { tsLiteral, tsString } from './ts-literal.js';

/** The teammate every `actAs` sample impersonates. */
export const SAMPLE_TEAMMATE_EMAIL = 'jane@example.com';
/** Impersonation headers are set by `reply.actAs(...)`, never passed by hand. */
const IMPERSONATION_HEADERS = new Set(['x-user-id', 'x-user-email']);
const LINE_WIDTH = 68;

export interface TypeScriptSampleOptions {
  /** Show the call made on behalf of a teammate through `reply.actAs(...)`. */
  actAs?: boolean;
}

/**
 * A TypeScript sample calling the operation through `@replykit/client`: the typed
 * `reply.METHOD(path, { params, body })` call with values from the spec, wrapped in `unwrap`.
 */
export function typescriptSample(
  doc: OpenApiDocument,
  resolved: ResolvedOperation,
  options: TypeScriptSampleOptions = {},
): string {
  const client = options.actAs ? 'asJane' : 'reply';
  const init = requestInit(doc, resolved);
  const head = `${client}.${resolved.method.toUpperCase()}(${tsString(resolved.path)}`;
  const target = resultName(doc, resolved);
  const lead = target ? `const ${target} = await unwrap(` : 'await unwrap(';
  const extra = serializerLines(sampleBody(doc, resolved));
  // One line when the whole statement fits; otherwise the call on its own line, its argument broken up
  // when the call line would still be too long (always when a body serializer follows the body).
  const oneLine = `${lead}${head}${init ? `, ${tsLiteral(init, 0, Number.POSITIVE_INFINITY)}` : ''}));`;
  const budget = extra.length > 0 ? 0 : LINE_WIDTH - (2 + head.length + 2 + 2);
  let argument = init ? tsLiteral(init, 2, budget) : '';
  if (extra.length > 0)
    argument = `${argument.slice(0, argument.lastIndexOf('\n'))}\n${extra.join('\n')}\n  }`;
  const call = `${head}${argument ? `, ${argument}` : ''})`;
  const statement =
    extra.length === 0 && !oneLine.includes('\n') && oneLine.length <= LINE_WIDTH
      ? oneLine
      : `${lead}\n  ${call},\n);`;

  const lines = [
    "import { createReplyClient, unwrap } from '@replykit/client';",
    '',
    'const apiKey = process.env.REPLY_API_KEY;',
    'const reply = createReplyClient({ apiKey });',
  ];
  if (options.actAs) {
    lines.push(
      '// With a Master API Key, actAs runs the call as a member of your team.',
      `const asJane = reply.actAs({ email: ${tsString(SAMPLE_TEAMMATE_EMAIL)} });`,
    );
  }
  lines.push('', statement);
  if (target) lines.push(`console.log(${target});`);
  if (isPaged(doc, resolved)) {
    const item = itemName(doc, resolved, target);
    lines.push(
      '',
      `// Or every ${item}, page after page:`,
      loopHeader(
        `for await (const ${item} of ${client}.paginate(${tsString(resolved.path)}`,
        pageInit(doc, resolved),
      ),
      `  console.log(${item});`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * openapi-fetch sends every body as JSON; a text or multipart body needs its own serializer (and, for
 * text, its content type). Lines of the call's argument object, indented for it.
 */
export function serializerLines(body: SampleBody): string[] {
  if (body.kind === 'text') {
    return [
      `    headers: { 'Content-Type': ${tsString(body.contentType)} },`,
      '    bodySerializer: (body) => body,',
    ];
  }
  if (body.kind !== 'multipart') return [];
  return [
    '    bodySerializer: (body) => {',
    '      const form = new FormData();',
    ...body.parts.map((part) => `      form.append(${partArguments(part)});`),
    '      return form;',
    '    },',
  ];
}

function partArguments(part: BodyPart): string {
  const name = tsString(part.name);
  const access = `body.${part.name}`;
  if (part.kind === 'file') {
    const type = part.contentType ? `, { type: ${tsString(part.contentType)} }` : '';
    return `${name}, new Blob([${access}]${type}), ${tsString(partFileName(part))}`;
  }
  if (part.kind === 'json') {
    return `${name}, new Blob([JSON.stringify(${access})], { type: ${tsString(part.contentType ?? 'application/json')} })`;
  }
  return `${name}, String(${access})`;
}

/** The `{ params, body }` argument, or undefined when the call needs none. */
export function requestInit(
  doc: OpenApiDocument,
  resolved: ResolvedOperation,
): Record<string, unknown> | undefined {
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of sampleParameters(doc, resolved)) {
    params[parameter.in] ??= {};
    (params[parameter.in] as Record<string, unknown>)[parameter.name] = parameterValue(doc, parameter);
  }
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) init.params = params;
  const body = sampleBody(doc, resolved);
  if (body.kind !== 'none') init.body = body.value;
  return Object.keys(init).length > 0 ? init : undefined;
}

/**
 * The parameters a sample passes: every path parameter and every required query or header parameter. When
 * no query parameter is required, the first optional one with an example shows how filters are passed;
 * optional ones are not all shown because several of them are often alternatives (by id or by email).
 * Impersonation headers are never passed by hand: `actAs` sets them.
 */
export function sampleParameters(doc: OpenApiDocument, resolved: ResolvedOperation): ParameterObject[] {
  const chosen = resolved.parameters.filter((parameter) => {
    if (parameter.in === 'path') return true;
    if (parameter.in === 'header')
      return parameter.required === true && !IMPERSONATION_HEADERS.has(parameter.name.toLowerCase());
    return parameter.in === 'query' && parameter.required === true;
  });
  const query = resolved.parameters.filter((parameter) => parameter.in === 'query');
  if (!query.some((parameter) => parameter.required === true)) {
    const filter = query.find((parameter) => hasDocumentedValue(doc, parameter));
    if (filter) chosen.push(filter);
  }
  return chosen;
}

const NAMED_VERBS = /^(list|get|create|upsert|update|generate|lookup)(?=[A-Z])/;

/** `listContacts` → `contacts`, `getCampaignStep` → `campaignStep`; undefined when the call returns no body. */
export function resultName(doc: OpenApiDocument, resolved: ResolvedOperation): string | undefined {
  if (!hasResponseBody(doc, resolved)) return undefined;
  const id = resolved.operation.operationId ?? '';
  const match = NAMED_VERBS.exec(id);
  if (!match) return 'result';
  const rest = id.slice(match[0].length);
  return rest.charAt(0).toLowerCase() + rest.slice(1);
}

/**
 * The second argument of a `paginate` sample: the parameters the operation requires (path ids, required
 * query), none of the optional filters; undefined when it requires none.
 */
export function pageInit(
  doc: OpenApiDocument,
  resolved: ResolvedOperation,
): Record<string, unknown> | undefined {
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of sampleParameters(doc, resolved)) {
    if (parameter.in !== 'path' && parameter.required !== true) continue;
    params[parameter.in] ??= {};
    (params[parameter.in] as Record<string, unknown>)[parameter.name] = parameterValue(doc, parameter);
  }
  return Object.keys(params).length > 0 ? { params } : undefined;
}

/** `open` + `, init)) {` on one line when it fits, else with `init` broken over lines. */
function loopHeader(open: string, init: Record<string, unknown> | undefined): string {
  if (!init) return `${open})) {`;
  const oneLine = `${open}, ${tsLiteral(init, 0, Number.POSITIVE_INFINITY)})) {`;
  return oneLine.length <= LINE_WIDTH ? oneLine : `${open}, ${tsLiteral(init, 0, 0)})) {`;
}

/**
 * Whether `reply.paginate` walks this operation: a GET whose success body is (or may be) a page envelope
 * (`pagesCount` or `next`) with exactly one array of items, the rule `@replykit/client` uses for its
 * pagination table (a test checks that both agree on every GET of the curated spec).
 */
export function isPaged(doc: OpenApiDocument, resolved: ResolvedOperation): boolean {
  return pageItems(doc, resolved) !== undefined;
}

/** The items array of the operation's page envelope (see `isPaged`), or undefined when it has none. */
function pageItems(doc: OpenApiDocument, resolved: ResolvedOperation): SchemaObject | undefined {
  if (resolved.method !== 'get') return undefined;
  const response = deref(doc, resolved.operation.responses?.['200']);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const media = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
  if (!isObject(media) || !isObject(media.schema)) return undefined;
  const schema = deref(doc, media.schema as SchemaObject);
  // The envelope may be one variant of several (a page, or one item when filtered by id).
  const variants = [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].map((v) => deref(doc, v));
  for (const variant of variants) {
    const properties = variant.properties ?? {};
    if (!('pagesCount' in properties) && !('next' in properties)) continue;
    const arrays = Object.values(properties).filter((property) => deref(doc, property).type === 'array');
    if (arrays.length === 1) return arrays[0];
  }
  return undefined;
}

/** The loop variable of a `paginate` sample: the items' schema name (`Contact` → `contact`), else singular. */
function itemName(doc: OpenApiDocument, resolved: ResolvedOperation, target: string | undefined): string {
  const items = pageItems(doc, resolved)?.items;
  const ref = isObject(items) && typeof items.$ref === 'string' ? items.$ref.split('/').pop() : undefined;
  return ref ? ref.charAt(0).toLowerCase() + ref.slice(1) : singular(target ?? 'item');
}

function singular(name: string): string {
  return name.endsWith('s') && name.length > 1 ? name.slice(0, -1) : name;
}

function hasResponseBody(doc: OpenApiDocument, resolved: ResolvedOperation): boolean {
  const responses = resolved.operation.responses ?? {};
  const success = Object.keys(responses).find((code) => /^2/.test(code));
  if (!success) return false;
  const response = deref(doc, responses[success]);
  return isObject(response) && isObject(response.content) && Object.keys(response.content).length > 0;
}
