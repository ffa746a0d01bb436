import { deref, isObject, type OpenApiDocument, type ResolvedOperation } from '../openapi.js';
import { bodyValue, hasDocumentedValue, parameterValue } from './example-values.js';
import { tsLiteral, tsString } from './ts-literal.js';

/** The teammate every `actAs` sample impersonates. */
export const SAMPLE_TEAMMATE_EMAIL = 'jane@example.com';
/** Impersonation headers are set by `reply.actAs(...)`, never passed by hand. */
const IMPERSONATION_HEADERS = new Set(['x-user-id', 'x-user-email']);
const LINE_WIDTH = 100;

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
  const call = `${client}.${resolved.method.toUpperCase()}(${tsString(resolved.path)}${
    init ? `, ${tsLiteral(init, 2)}` : ''
  })`;
  const target = resultName(doc, resolved);
  const lead = target ? `const ${target} = await unwrap(` : 'await unwrap(';
  const oneLine = `${lead}${call});`;
  const statement =
    !oneLine.includes('\n') && oneLine.length <= LINE_WIDTH ? oneLine : `${lead}\n  ${call},\n);`;

  const lines = [
    "import { createReplyClient, unwrap } from '@replykit/client';",
    '',
    'const reply = createReplyClient({ apiKey: process.env.REPLY_API_KEY });',
  ];
  if (options.actAs) {
    lines.push(
      '// With a Master API Key, actAs runs the call as a member of your team.',
      `const asJane = reply.actAs({ email: ${tsString(SAMPLE_TEAMMATE_EMAIL)} });`,
    );
  }
  lines.push('', statement);
  if (target) lines.push(`console.log(${target});`);
  return `${lines.join('\n')}\n`;
}

/** The `{ params, body }` argument, or undefined when the call needs none. */
export function requestInit(
  doc: OpenApiDocument,
  resolved: ResolvedOperation,
): Record<string, unknown> | undefined {
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of resolved.parameters) {
    const documented = hasDocumentedValue(doc, parameter);
    if (!shouldShow(parameter.in, parameter.name, parameter.required === true, documented)) continue;
    params[parameter.in] ??= {};
    (params[parameter.in] as Record<string, unknown>)[parameter.name] = parameterValue(doc, parameter);
  }
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (resolved.body) init.body = bodyValue(doc, resolved.body);
  return Object.keys(init).length > 0 ? init : undefined;
}

/**
 * Path parameters always; query and header parameters when required, or (query only) when the spec gives an
 * example for them, so the sample shows a typical call without listing every filter.
 */
export function shouldShow(location: string, name: string, required: boolean, hasExample: boolean): boolean {
  if (location === 'path') return true;
  if (location === 'header') return required && !IMPERSONATION_HEADERS.has(name.toLowerCase());
  if (location === 'query') return required || hasExample;
  return false;
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

function hasResponseBody(doc: OpenApiDocument, resolved: ResolvedOperation): boolean {
  const responses = resolved.operation.responses ?? {};
  const success = Object.keys(responses).find((code) => /^2/.test(code));
  if (!success) return false;
  const response = deref(doc, responses[success]);
  return isObject(response) && isObject(response.content) && Object.keys(response.content).length > 0;
}
