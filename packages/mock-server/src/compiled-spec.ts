import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorBodies } from './error-body.js';
import { type CannedResponse, cannedResponse, statusNumber, successStatus, synthesize } from './examples.js';
import type { ServedOperation } from './handler.js';
import { type Operation, readOperations, secretHeaders } from './operations.js';
import { pageEnvelopeOf } from './page-envelope.js';
import { Router } from './router.js';
import { loadSpec, type OpenApiDocument, type SpecSource, specFile } from './spec.js';
import { SpecValidator } from './validation.js';

/** Everything the server derives from a spec, once: immutable, so servers on the same spec share it. */
export interface CompiledSpec {
  location: string;
  operations: Operation[];
  router: Router;
  served: Map<Operation, ServedOperation>;
  errors: ErrorBodies;
  secrets: ReadonlySet<string>;
  validator: SpecValidator;
}

// Test suites start a server per test: reuse the compiled spec while its file is unchanged (path, mtime, size).
const cache = new Map<string, CompiledSpec>();
const CACHE_SIZE = 8;

export function compileSpec(source?: SpecSource): CompiledSpec {
  const file = specFile(source);
  const key = file === undefined ? undefined : fileKey(file);
  const cached = key === undefined ? undefined : cache.get(key);
  if (cached) return cached;
  const { document, location } = loadSpec(file ?? source);
  const operations = readOperations(document);
  const validator = new SpecValidator(document);
  const compiled: CompiledSpec = {
    location,
    operations,
    router: new Router(operations, basePathOf(document.servers?.[0]?.url)),
    served: serveOperations(document, operations, validator),
    errors: new ErrorBodies(document, operations),
    secrets: secretHeaders(document),
    validator,
  };
  if (key !== undefined) {
    cache.set(key, compiled);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return compiled;
}

function fileKey(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${resolve(file)}|${stat.mtimeMs}|${stat.size}`;
  } catch {
    // Unreadable: loadSpec reports it.
    return undefined;
  }
}

/** Compiles each operation's validators and canned responses. */
function serveOperations(
  document: OpenApiDocument,
  operations: Operation[],
  validator: SpecValidator,
): Map<Operation, ServedOperation> {
  const served = new Map<Operation, ServedOperation>();
  for (const operation of operations) {
    const byStatus = new Map<number, CannedResponse>();
    for (const [key, response] of Object.entries(operation.responses)) {
      byStatus.set(statusNumber(key), cannedResponse(document, statusNumber(key), response));
    }
    const successKey = successStatus(operation);
    const success =
      successKey === undefined
        ? { status: 200, contentType: undefined, examples: new Map() }
        : (byStatus.get(statusNumber(successKey)) as CannedResponse);
    const envelope = pageEnvelopeOf(document, operation);
    const paging =
      envelope === undefined
        ? undefined
        : {
            envelope,
            fallbackItem: envelope.itemSchema === undefined ? {} : synthesize(document, envelope.itemSchema),
          };
    served.set(operation, { operation, compiled: validator.compile(operation), success, byStatus, paging });
  }
  return served;
}

function basePathOf(serverUrl: string | undefined): string {
  if (!serverUrl) return '';
  try {
    return new URL(serverUrl, 'http://base.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
