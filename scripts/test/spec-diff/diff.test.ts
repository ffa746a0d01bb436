import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHANGE_KINDS, type ChangeKind, formatChange } from '../../src/spec-diff/change.js';
import { diffSpecs } from '../../src/spec-diff/diff.js';
import { isObject, type JsonObject, SpecDocument, same } from '../../src/spec-diff/document.js';

const FIXTURES = new URL('../fixtures/spec-diff/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const load = (name: string) => SpecDocument.parse(text(name), name);
const diff = (base: string, head: string) => diffSpecs(load(base), load(head));

// Each pair differs by one edit (`diff base.yaml <case>.yaml`); `want` is the complete output, in order.
const cases: [string, { base: string; head: string; want: string[] }][] = [
  ['no change', { base: 'base.yaml', head: 'base.yaml', want: [] }],
  ['keys and responses reordered only', { base: 'base.yaml', head: 'reordered.yaml', want: [] }],
  // major
  [
    'operation removed',
    {
      base: 'base.yaml',
      head: 'operation-removed.yaml',
      want: ['major  DELETE /v1/people/{id} — operation removed'],
    },
  ],
  [
    'operationId changed',
    {
      base: 'base.yaml',
      head: 'operation-id-changed.yaml',
      want: ['major  GET /v1/people — operationId changed: listContacts → listPeople'],
    },
  ],
  [
    'parameter removed',
    {
      base: 'base.yaml',
      head: 'parameter-removed.yaml',
      want: ['major  GET /v1/people › query parameter limit — parameter removed'],
    },
  ],
  [
    'required parameter added',
    {
      base: 'base.yaml',
      head: 'parameter-added-required.yaml',
      want: ['major  GET /v1/people › query parameter email — required parameter added'],
    },
  ],
  [
    'parameter became required',
    {
      base: 'base.yaml',
      head: 'parameter-became-required.yaml',
      want: ['major  GET /v1/people › query parameter page — parameter became required'],
    },
  ],
  [
    'path placeholder renamed',
    {
      base: 'base.yaml',
      head: 'parameter-renamed.yaml',
      want: [
        'major  GET /v1/people/{contactId} › path parameter contactId — parameter renamed: id → contactId',
        'major  DELETE /v1/people/{contactId} › path parameter contactId — parameter renamed: id → contactId',
      ],
    },
  ],
  [
    'shared header parameter type changed',
    {
      base: 'base.yaml',
      head: 'ref-parameter-type-changed.yaml',
      want: ['major  GET /v1/people › header parameter X-User-Id — request type changed: integer → string'],
    },
  ],
  [
    'request body removed',
    {
      base: 'base.yaml',
      head: 'request-body-removed.yaml',
      want: ['major  POST /v1/people › request body — request body removed'],
    },
  ],
  [
    'required request body added',
    {
      base: 'request-body-removed.yaml',
      head: 'base.yaml',
      want: [
        'major  POST /v1/people › request body — request body became required: a required body was added',
      ],
    },
  ],
  [
    'request body became required',
    {
      base: 'request-body-became-optional.yaml',
      head: 'base.yaml',
      want: ['major  POST /v1/people › request body — request body became required'],
    },
  ],
  [
    'request media type removed',
    {
      base: 'request-media-type-added.yaml',
      head: 'base.yaml',
      want: [
        'major  POST /v1/people › request body — request media type removed: application/x-www-form-urlencoded',
      ],
    },
  ],
  [
    'request field removed',
    {
      base: 'base.yaml',
      head: 'request-field-removed.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[NewCampaign].emailAccount — request field removed',
      ],
    },
  ],
  [
    'request field renamed',
    {
      base: 'base.yaml',
      head: 'request-field-renamed.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[NewCampaign].emailAccount — request field renamed: emailAccount → senderEmail',
      ],
    },
  ],
  [
    'required request field added',
    {
      base: 'base.yaml',
      head: 'request-field-added-required.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[NewCampaign].scheduleId — required request field added',
      ],
    },
  ],
  [
    'request field became required',
    {
      base: 'base.yaml',
      head: 'request-field-became-required.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[NewCampaign].emailAccount — request field became required',
      ],
    },
  ],
  [
    'request field type changed',
    {
      base: 'base.yaml',
      head: 'request-type-changed.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[CopyCampaign].copyFrom — request type changed: integer → string',
      ],
    },
  ],
  [
    'request body variant removed',
    {
      base: 'base.yaml',
      head: 'union-variant-removed.yaml',
      want: [
        'major  POST /v1/campaigns › request body — request type changed: oneOf variant CopyCampaign removed',
      ],
    },
  ],
  [
    'request constraint tightened',
    {
      base: 'base.yaml',
      head: 'request-constraint-tightened.yaml',
      want: [
        'major  GET /v1/people › query parameter limit — request constraint tightened: maximum 1000 → 500',
      ],
    },
  ],
  [
    'shared constraint tightened: major for the request, patch for responses',
    {
      base: 'base.yaml',
      head: 'shared-constraint-tightened.yaml',
      want: [
        'major  POST /v1/people › request body › firstName — request constraint tightened: maxLength 100 → 50',
        'patch  GET /v1/people › response 200 › people[].firstName — response constraint changed: maxLength 100 → 50',
        'patch  POST /v1/people › response 201 › firstName — response constraint changed: maxLength 100 → 50',
        'patch  GET /v1/people/{id} › response 200 › firstName — response constraint changed: maxLength 100 → 50',
      ],
    },
  ],
  [
    'response removed',
    {
      base: 'base.yaml',
      head: 'response-removed.yaml',
      want: ['major  GET /v1/people/{id} › response 404 — response removed'],
    },
  ],
  [
    'response media type removed',
    {
      base: 'response-media-type-added.yaml',
      head: 'base.yaml',
      want: ['major  GET /v1/campaigns › response 200 — response media type removed: text/csv'],
    },
  ],
  [
    'response field removed',
    {
      base: 'base.yaml',
      head: 'response-field-removed.yaml',
      want: ['major  GET /v1/people › response 200 › total — response field removed'],
    },
  ],
  [
    'response field became optional, in every operation using the component',
    {
      base: 'base.yaml',
      head: 'response-field-became-optional.yaml',
      want: [
        'major  GET /v1/campaigns › response 200 › [].name — response field became optional',
        'major  POST /v1/campaigns › response 200 › name — response field became optional',
      ],
    },
  ],
  [
    'response field type changed',
    {
      base: 'base.yaml',
      head: 'response-type-changed.yaml',
      want: [
        'major  GET /v1/campaigns › response 200 › [].id — response type changed: integer → string',
        'major  POST /v1/campaigns › response 200 › id — response type changed: integer → string',
      ],
    },
  ],
  [
    'response field schema removed while still required: a field of any type',
    {
      base: 'base.yaml',
      head: 'response-field-schema-removed.yaml',
      want: [
        'major  GET /v1/people › response 200 › total — response type changed: integer → any (only listed in required)',
      ],
    },
  ],
  [
    'response field became nullable',
    {
      base: 'base.yaml',
      head: 'response-field-nullable.yaml',
      want: [
        'major  GET /v1/people › response 200 › total — response type changed: integer → integer | null',
      ],
    },
  ],
  [
    'response header removed',
    {
      base: 'base.yaml',
      head: 'response-header-removed.yaml',
      want: [
        'major  GET /v1/campaigns › response 200 › header X-Rate-Limit-Remaining — response header removed',
      ],
    },
  ],
  [
    'enum value removed, in requests and responses',
    {
      base: 'base.yaml',
      head: 'enum-value-removed.yaml',
      want: [
        'major  GET /v1/people › response 200 › people[].status — enum value removed: "finished"',
        'major  POST /v1/people › request body › status — enum value removed: "finished"',
        'major  POST /v1/people › response 201 › status — enum value removed: "finished"',
        'major  GET /v1/people/{id} › response 200 › status — enum value removed: "finished"',
      ],
    },
  ],
  [
    'security scheme changed',
    {
      base: 'base.yaml',
      head: 'security-scheme-changed.yaml',
      want: ['major  components › securitySchemes › apiKey — security changed: name'],
    },
  ],
  [
    'operation security changed',
    {
      base: 'base.yaml',
      head: 'operation-security-changed.yaml',
      want: ['major  GET /v1/campaigns — security changed: apiKey → none'],
    },
  ],
  [
    'server URL changed',
    {
      base: 'base.yaml',
      head: 'server-changed.yaml',
      want: [
        'major  servers — server removed: https://api.reply.io',
        'minor  servers — server added: https://api.reply.io/v1',
      ],
    },
  ],
  [
    'schema component renamed',
    {
      base: 'base.yaml',
      head: 'component-renamed.yaml',
      want: [
        'major  components › schemas › Error — component removed',
        'minor  components › schemas › ApiError — component added',
      ],
    },
  ],
  [
    'unknown keyword',
    {
      base: 'base.yaml',
      head: 'unclassified-keyword.yaml',
      want: [
        'major  POST /v1/campaigns › request body › oneOf[NewCampaign] — unclassified change (review by hand): keyword `not`',
      ],
    },
  ],
  // minor
  [
    'operation added',
    {
      base: 'operation-removed.yaml',
      head: 'base.yaml',
      want: ['minor  DELETE /v1/people/{id} — operation added'],
    },
  ],
  [
    'optional parameter added',
    {
      base: 'parameter-removed.yaml',
      head: 'base.yaml',
      want: ['minor  GET /v1/people › query parameter limit — optional parameter added'],
    },
  ],
  [
    'parameter became optional',
    {
      base: 'parameter-became-required.yaml',
      head: 'base.yaml',
      want: ['minor  GET /v1/people › query parameter page — parameter became optional'],
    },
  ],
  [
    'optional request body added',
    {
      base: 'base.yaml',
      head: 'request-body-added.yaml',
      want: ['minor  DELETE /v1/people/{id} › request body — optional request body added'],
    },
  ],
  [
    'request body became optional',
    {
      base: 'base.yaml',
      head: 'request-body-became-optional.yaml',
      want: ['minor  POST /v1/people › request body — request body became optional'],
    },
  ],
  [
    'request media type added',
    {
      base: 'base.yaml',
      head: 'request-media-type-added.yaml',
      want: [
        'minor  POST /v1/people › request body — request media type added: application/x-www-form-urlencoded',
      ],
    },
  ],
  [
    'optional request field added',
    {
      base: 'request-field-removed.yaml',
      head: 'base.yaml',
      want: [
        'minor  POST /v1/campaigns › request body › oneOf[NewCampaign].emailAccount — optional request field added',
      ],
    },
  ],
  [
    'request field became optional',
    {
      base: 'request-field-became-required.yaml',
      head: 'base.yaml',
      want: [
        'minor  POST /v1/campaigns › request body › oneOf[NewCampaign].emailAccount — request field became optional',
      ],
    },
  ],
  [
    'request type widened',
    {
      base: 'base.yaml',
      head: 'request-type-widened.yaml',
      want: [
        'minor  POST /v1/campaigns › request body › oneOf[CopyCampaign].copyFrom — request type widened: integer → integer | string',
      ],
    },
  ],
  [
    'request body variant added',
    {
      base: 'union-variant-removed.yaml',
      head: 'base.yaml',
      want: [
        'minor  POST /v1/campaigns › request body — request type widened: oneOf variant CopyCampaign added',
      ],
    },
  ],
  [
    'request constraint loosened',
    {
      base: 'request-constraint-tightened.yaml',
      head: 'base.yaml',
      want: [
        'minor  GET /v1/people › query parameter limit — request constraint loosened: maximum 500 → 1000',
      ],
    },
  ],
  [
    'readOnly field became writable',
    {
      base: 'base.yaml',
      head: 'read-only-field-writable.yaml',
      want: [
        'minor  POST /v1/people › request body › id — optional request field added',
        'patch  GET /v1/people › response 200 › people[].id — documentation changed: readOnly true → (none)',
        'patch  POST /v1/people › response 201 › id — documentation changed: readOnly true → (none)',
        'patch  GET /v1/people/{id} › response 200 › id — documentation changed: readOnly true → (none)',
      ],
    },
  ],
  [
    'default changed',
    {
      base: 'base.yaml',
      head: 'default-changed.yaml',
      want: ['minor  GET /v1/people › query parameter page — default value changed: 1 → 2'],
    },
  ],
  [
    'response added',
    {
      base: 'response-removed.yaml',
      head: 'base.yaml',
      want: ['minor  GET /v1/people/{id} › response 404 — response added'],
    },
  ],
  [
    'response media type added',
    {
      base: 'base.yaml',
      head: 'response-media-type-added.yaml',
      want: ['minor  GET /v1/campaigns › response 200 — response media type added: text/csv'],
    },
  ],
  [
    'response field added',
    {
      base: 'response-field-removed.yaml',
      head: 'base.yaml',
      want: ['minor  GET /v1/people › response 200 › total — response field added'],
    },
  ],
  [
    'response field became required',
    {
      base: 'response-field-became-optional.yaml',
      head: 'base.yaml',
      want: [
        'minor  GET /v1/campaigns › response 200 › [].name — response field became required',
        'minor  POST /v1/campaigns › response 200 › name — response field became required',
      ],
    },
  ],
  [
    'response header added',
    {
      base: 'response-header-removed.yaml',
      head: 'base.yaml',
      want: [
        'minor  GET /v1/campaigns › response 200 › header X-Rate-Limit-Remaining — response header added',
      ],
    },
  ],
  [
    'enum value added',
    {
      base: 'enum-value-removed.yaml',
      head: 'base.yaml',
      want: [
        'minor  GET /v1/people › response 200 › people[].status — enum value added: "finished"',
        'minor  POST /v1/people › request body › status — enum value added: "finished"',
        'minor  POST /v1/people › response 201 › status — enum value added: "finished"',
        'minor  GET /v1/people/{id} › response 200 › status — enum value added: "finished"',
      ],
    },
  ],
  [
    'operation deprecated',
    { base: 'base.yaml', head: 'deprecated.yaml', want: ['minor  GET /v1/campaigns — marked deprecated'] },
  ],
  [
    'schema component added',
    {
      base: 'base.yaml',
      head: 'component-added.yaml',
      want: ['minor  components › schemas › Legacy — component added'],
    },
  ],
  [
    'unused schema component removed',
    {
      base: 'component-added.yaml',
      head: 'base.yaml',
      want: ['major  components › schemas › Legacy — component removed'],
    },
  ],
  [
    'allOf refactor with the same shape: only the new component',
    {
      base: 'base.yaml',
      head: 'all-of-refactor.yaml',
      want: ['minor  components › schemas › CampaignBase — component added'],
    },
  ],
  // patch
  [
    'summary changed',
    { base: 'base.yaml', head: 'summary-changed.yaml', want: ['patch  GET /v1/people — summary changed'] },
  ],
  [
    'description changed',
    {
      base: 'base.yaml',
      head: 'description-changed.yaml',
      want: ['patch  GET /v1/people — description changed'],
    },
  ],
  [
    'shared component description changed, once per use',
    {
      base: 'base.yaml',
      head: 'shared-description-changed.yaml',
      want: [
        'patch  GET /v1/people › response 200 › people[].email — description changed',
        'patch  POST /v1/people › request body › email — description changed',
        'patch  POST /v1/people › response 201 › email — description changed',
        'patch  GET /v1/people/{id} › response 200 › email — description changed',
      ],
    },
  ],
  [
    'recursive schema: reported once per use, no endless walk',
    {
      base: 'recursive.base.yaml',
      head: 'recursive.yaml',
      want: [
        'patch  GET /v1/people › response 200 › people[].firstName — description changed',
        'patch  POST /v1/people › request body › firstName — description changed',
        'patch  POST /v1/people › response 201 › firstName — description changed',
        'patch  GET /v1/people/{id} › response 200 › firstName — description changed',
      ],
    },
  ],
  [
    'shared example changed',
    {
      base: 'base.yaml',
      head: 'example-changed.yaml',
      want: ['patch  POST /v1/people › request body — example changed'],
    },
  ],
  [
    'tag description changed',
    {
      base: 'base.yaml',
      head: 'tag-description-changed.yaml',
      want: ['patch  tags › Contacts — documentation changed'],
    },
  ],
  [
    'deprecation withdrawn',
    {
      base: 'deprecated.yaml',
      head: 'base.yaml',
      want: ['patch  GET /v1/campaigns — documentation changed: no longer deprecated'],
    },
  ],
  [
    'extension changed',
    {
      base: 'base.yaml',
      head: 'extension-changed.yaml',
      want: ['patch  GET /v1/campaigns — extension changed: x-reply-throttle-seconds'],
    },
  ],
];

describe('diffSpecs', () => {
  it.each(cases)('%s', (_name, { base, head, want }) => {
    expect(diff(base, head).map(formatChange)).toEqual(want);
  });

  it('has a fixture pair for every change kind', () => {
    const covered = new Set<ChangeKind>();
    for (const [, { base, head }] of cases) for (const c of diff(base, head)) covered.add(c.kind);
    const missing = (Object.keys(CHANGE_KINDS) as ChangeKind[]).filter((kind) => !covered.has(kind));
    expect(missing).toEqual([]);
  });

  it('reports a change in a $ref sibling description (OpenAPI 3.1)', () => {
    const doc = parse(text('base.yaml')) as JsonObject;
    const head = structuredClone(doc);
    const schemas = (head.components as JsonObject).schemas as JsonObject;
    const page = schemas.ContactPage as JsonObject;
    const people = (page.properties as JsonObject).people as JsonObject;
    people.items = { $ref: '#/components/schemas/Contact', description: 'One contact.' };
    const changes = diffSpecs(new SpecDocument(doc, 'base'), new SpecDocument(head, 'head')).map(
      formatChange,
    );
    expect(changes).toEqual(['patch  GET /v1/people › response 200 › people[] — description changed']);
  });
});

/** Every place in the document where the property test may edit: [path, value]. */
function places(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  const here: [(string | number)[], unknown][] = path.length ? [[path, value]] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...path, i]))];
  if (isObject(value)) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [] : places(v, [...path, k]))),
    ];
  }
  return here;
}

type Edit = 'change' | 'delete' | 'add';

function edit(doc: JsonObject, path: (string | number)[], how: Edit): JsonObject {
  const copy = structuredClone(doc);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path.at(-1) as string | number;
  const container = parent as Record<string | number, unknown>;
  const value = container[last];
  if (how === 'delete') {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else if (how === 'add' && isObject(value)) {
    value['x-fuzz'] = 'added';
  } else if (typeof value === 'string') container[last] = `${value}-changed`;
  else if (typeof value === 'number') container[last] = value + 1;
  else if (typeof value === 'boolean') container[last] = !value;
  else if (Array.isArray(value) && isObject(value[0])) value[0]['x-fuzz'] = 'added';
  else if (Array.isArray(value)) value.push('added');
  else if (isObject(value)) value['x-fuzz'] = 'added';
  return copy;
}

/** Edits that leave the meaning unchanged: deleting a default, or a `type` the other keywords imply
 * (`properties` → object, `items` → array, string `enum` values → string). */
function equivalent(doc: JsonObject, path: (string | number)[], how: Edit): boolean {
  if (how !== 'delete') return false;
  let parent: unknown = doc;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const key = path.at(-1);
  const siblings = parent as JsonObject;
  const value = siblings[key as string];
  if (value === false && ['required', 'deprecated', 'readOnly', 'writeOnly'].includes(String(key)))
    return true;
  if (key === 'type' && value === 'object' && isObject(siblings.properties)) return true;
  if (key === 'type' && value === 'string' && Array.isArray(siblings.enum)) {
    return siblings.enum.every((v) => typeof v === 'string');
  }
  return key === 'type' && value === 'array' && siblings.items !== undefined;
}

describe('diffSpecs (properties)', () => {
  const base = parse(text('base.yaml')) as JsonObject;
  const all = places(base);

  // Exhaustive rather than sampled: every place of the fixture spec, every kind of edit.
  it.each(['change', 'delete', 'add'] as const)(
    'lists a change for every %s that changes the meaning, and none otherwise',
    (how) => {
      for (const [path] of all) {
        const head = edit(base, path, how);
        const where = `${how} ${path.join('.')}`;
        let changes: ReturnType<typeof diffSpecs>;
        try {
          changes = diffSpecs(new SpecDocument(base, 'base'), new SpecDocument(head, 'head'));
        } catch (error) {
          // Deleting a component that is still referenced breaks the spec; that must be said clearly.
          expect((error as Error).message, where).toMatch(
            /^head: \$ref #\/components\/\S+ points at nothing$/,
          );
          continue;
        }
        const unchanged = same(base, head) || equivalent(base, path, how);
        expect(changes.length > 0, where).toBe(!unchanged);
        for (const c of changes) expect(c.level).toBe(CHANGE_KINDS[c.kind].level);
        const reverse = diffSpecs(new SpecDocument(head, 'head'), new SpecDocument(base, 'base'));
        expect(reverse.length > 0, `reverse of ${where}`).toBe(!unchanged);
      }
    },
  );

  it('never reports a change between a spec and itself, whatever the spec', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: all.length - 1 }),
        fc.constantFrom<Edit>('change', 'delete', 'add'),
        (index, how) => {
          const [path] = all[index] as [(string | number)[], unknown];
          const head = edit(base, path, how);
          let changes: ReturnType<typeof diffSpecs> = [];
          try {
            changes = diffSpecs(new SpecDocument(head, 'a'), new SpecDocument(structuredClone(head), 'b'));
          } catch (error) {
            expect((error as Error).message).toMatch(/points at nothing$/);
          }
          expect(changes).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
