// Fidelity test: every JSON example of the curated spec validates against its schema (JSON Schema 2020-12),
// and every JSON body of the collection is kept in the curated spec at its operation and status code.
// An example an overlay marks with `x-replykit-invalid-example: "<why>"` is excluded, counted and must still fail.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CollectionBody,
  collectCollectionBodies,
  collectSchemaExamples,
  collectSpecExamples,
  createSchemaValidator,
  formPartSchemaPointer,
  isJsonMediaType,
  jsonEqual,
  listOperations,
  loadCollection,
  loadCuratedSpec,
  normalizePath,
  resolveRef,
  type SpecExample,
} from './openapi-examples.js';

const spec = loadCuratedSpec();
const validatorFor = createSchemaValidator(spec);
const specExamples = collectSpecExamples(spec);
const schemaExamples = collectSchemaExamples(spec);
const { requests, bodies, formParts } = collectCollectionBodies(loadCollection());
const operations = listOperations(spec);

function findOperation(method: string, path: string) {
  return operations.find((op) => op.method === method && normalizePath(op.path) === normalizePath(path));
}

/** Validation errors as one line, or '' when the value is valid. */
function errorsOf(schemaPointer: string, value: unknown): string {
  const validate = validatorFor(schemaPointer);
  if (validate(value)) return '';
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

/** The curated examples that hold exactly this collection body, at its operation and status code. */
function keptAs(body: CollectionBody): SpecExample[] {
  const op = findOperation(body.method, body.path);
  if (!op) return [];
  const label = `${op.method.toUpperCase()} ${op.path}`;
  return specExamples.filter(
    (example) =>
      example.operation === label && example.where === body.where && jsonEqual(example.value, body.value),
  );
}

const label = (example: SpecExample) =>
  `${example.operation} ${example.where} ${example.mediaType} "${example.name}"`;

describe('curated spec examples', () => {
  const cases = specExamples.map(
    (example) =>
      [
        label(example),
        { given: example, want: example.invalidReason === undefined ? 'valid' : 'invalid' },
      ] as const,
  );

  it('has JSON examples to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  // An excluded example must still be wrong: one that validates after all has a stale exclusion reason.
  it.each(cases)('%s', (_name, { given, want }) => {
    const errors = errorsOf(given.schemaPointer, given.value);
    if (want === 'valid') {
      expect(errors).toBe('');
    } else {
      expect(given.invalidReason?.trim(), 'exclusion reason').not.toBe('');
      expect(errors, 'an excluded example must fail validation').not.toBe('');
    }
  });

  it.each(
    schemaExamples.map(
      (example) => [`${example.schemaPointer} examples[${example.index}]`, { given: example }] as const,
    ),
  )('schema example %s validates against its schema', (_name, { given }) => {
    expect(errorsOf(given.schemaPointer, given.value)).toBe('');
  });

  it('every JSON request body and 2xx response refers to a named component schema', () => {
    const unnamed: string[] = [];
    for (const op of operations) {
      const places: [string, unknown][] = [['request', op.operation.requestBody]];
      for (const [status, response] of Object.entries(
        (op.operation.responses ?? {}) as Record<string, unknown>,
      )) {
        if (status.startsWith('2')) places.push([status, response]);
      }
      for (const [where, raw] of places) {
        const resolved = resolveRef(spec, raw as never).value as
          | { content?: Record<string, { schema?: unknown }> }
          | undefined;
        for (const [mediaType, media] of Object.entries(resolved?.content ?? {})) {
          if (!isJsonMediaType(mediaType)) continue;
          const schema = JSON.stringify(media.schema ?? null);
          // A bare JSON literal (`true`, `null`) needs no component of its own.
          if (!schema.includes('#/components/schemas/') && !/^\{"type":"(boolean|null)"/.test(schema)) {
            unnamed.push(`${op.method.toUpperCase()} ${op.path} ${where} ${mediaType}`);
          }
        }
      }
    }
    expect(unnamed).toEqual([]);
  });
});

describe('collection fidelity', () => {
  it('reads the 94 requests of the collection', () => {
    expect(requests).toHaveLength(94);
  });

  it.each(requests.map((r) => [`${r.method.toUpperCase()} ${r.path} (${r.name})`, { given: r }] as const))(
    '%s maps to a curated operation',
    (_name, { given }) => {
      expect(findOperation(given.method, given.path)).toBeDefined();
    },
  );

  it.each(
    bodies.map(
      (body) =>
        [
          `${body.request}: ${body.where === 'request' ? 'request body' : `response ${body.where}`}`,
          { given: body, want: { kept: true, errors: '' } },
        ] as const,
    ),
  )('%s is kept as an example and validates', (_name, { given, want }) => {
    const kept = keptAs(given);
    expect(kept.length > 0, 'kept as an example at its operation and status').toBe(want.kept);
    for (const example of kept.filter((e) => e.invalidReason === undefined)) {
      expect(errorsOf(example.schemaPointer, given.value)).toBe(want.errors);
    }
  });

  it.each(
    formParts.map((part) => [`${part.request}: multipart part "${part.part}"`, { given: part }] as const),
  )('%s validates against its part schema', (_name, { given }) => {
    const op = findOperation(given.method, given.path);
    const pointer = op && formPartSchemaPointer(spec, op, given.part);
    expect(pointer, 'part schema').toBeDefined();
    expect(errorsOf(pointer as string, given.value)).toBe('');
  });
});

describe('fidelity summary', () => {
  it('writes the counts to test-output/examples-summary.json', () => {
    const excluded = specExamples.filter((example) => example.invalidReason !== undefined);
    const checked = specExamples.filter((example) => example.invalidReason === undefined);
    const passed = checked.filter((example) => errorsOf(example.schemaPointer, example.value) === '');
    const kept = bodies.filter((body) => keptAs(body).length > 0);
    const summary = {
      specExamples: { total: specExamples.length, checked: checked.length, passed: passed.length },
      excluded: excluded.map((example) => ({ example: label(example), reason: example.invalidReason })),
      schemaExamples: schemaExamples.length,
      collection: {
        requests: requests.length,
        jsonBodies: bodies.length,
        jsonBodiesKept: kept.length,
        jsonFormParts: formParts.length,
      },
    };
    const outDir = fileURLToPath(new URL('../test-output/', import.meta.url));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}examples-summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
    expect(passed.length).toBe(checked.length);
    expect(kept.length).toBe(bodies.length);
  });
});
