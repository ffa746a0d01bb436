// Stale-curation guard: an overlay action whose target matches nothing fails generation (naming file, target
// and description), unless REPLYKIT_ALLOW_STALE_OVERLAYS=1, which reports it as a structured warning and writes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { curateScript, runStage } from './stage.js';

const outputRoot = fileURLToPath(new URL('../test-output/overlay-guard', import.meta.url));
const redoclyConfig = fileURLToPath(new URL('../redocly.yaml', import.meta.url));

const raw = {
  openapi: '3.1.0',
  info: { title: 'Raw', version: '1.0.0' },
  paths: {
    '/v1/Things': { get: { summary: 'Get All Things', responses: { '200': { description: 'OK' } } } },
    '/v1/things/{thingID}': {
      get: {
        summary: 'Get Thing',
        parameters: [{ name: 'thingID', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'OK' } },
      },
    },
  },
};

type Action = Record<string, unknown>;
const overlay = (actions: Action[]) =>
  stringify({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });
const renameThing =
  'paths:\n  - raw: /v1/things/{thingID}\n    canonical: /v1/things/{thingId}\n    why: casing\n';

interface Case {
  overlays: Record<string, string>;
  paths?: string;
  env?: Record<string, string>;
  want: {
    status: number;
    written: boolean;
    stderr?: string[];
    warnings?: { code: string; location: string }[];
    summary?: string;
  };
}

const cases: [string, Case][] = [
  [
    'a dead target fails and names file, target and description',
    {
      overlays: {
        '10-names.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get",
            description: 'Name the list operation.',
            update: { operationId: 'listThings' },
          },
          {
            target: "$.paths['/v1/gone'].get",
            description: 'Describe an endpoint that no longer exists.',
            update: { summary: 'x' },
          },
        ]),
      },
      want: {
        status: 1,
        written: false,
        stderr: [
          '1 stale overlay action(s)',
          "10-names.yaml, $.paths['/v1/gone'].get, Describe an endpoint that no longer exists.",
          'nothing written',
        ],
      },
    },
  ],
  [
    'with REPLYKIT_ALLOW_STALE_OVERLAYS=1 a dead target is reported and the output written',
    {
      overlays: {
        '10-names.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get",
            description: 'Name the list operation.',
            update: { operationId: 'listThings' },
          },
          {
            target: "$.paths['/v1/gone'].get",
            description: 'Describe an endpoint that no longer exists.',
            update: { summary: 'x' },
          },
        ]),
      },
      env: { REPLYKIT_ALLOW_STALE_OVERLAYS: '1' },
      want: {
        status: 0,
        written: true,
        warnings: [{ code: 'stale-overlay-action', location: '10-names.yaml#actions[2]' }],
        summary: 'operationId: listThings',
      },
    },
  ],
  [
    'a target is checked against the result of earlier actions, not against the raw spec',
    {
      overlays: {
        '10-remove.yaml': overlay([
          { target: "$.paths['/v1/Things'].get.summary", description: 'Drop it.', remove: true },
        ]),
        '20-describe.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get.summary",
            description: 'Reword the dropped summary.',
            update: 'List things',
          },
        ]),
      },
      want: {
        status: 1,
        written: false,
        stderr: ["20-describe.yaml, $.paths['/v1/Things'].get.summary, Reword the dropped summary."],
      },
    },
  ],
  [
    'a target that an earlier overlay file creates is not stale',
    {
      overlays: {
        '10-add.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get",
            description: 'Add a description.',
            update: { description: 'All things.' },
          },
        ]),
        '20-reword.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get.description",
            description: 'Reword it.',
            update: 'Every thing.',
          },
        ]),
      },
      want: { status: 0, written: true, warnings: [], summary: 'description: Every thing.' },
    },
  ],
  [
    'an action without a description fails naming the file and the action',
    {
      overlays: {
        '10-names.yaml': overlay([
          { target: "$.paths['/v1/Things'].get", update: { operationId: 'listThings' } },
        ]),
      },
      want: {
        status: 1,
        written: false,
        stderr: ["10-names.yaml: action 1 ($.paths['/v1/Things'].get): every action needs a `description`"],
      },
    },
  ],
  [
    'an invalid JSONPath fails naming the file and the action',
    {
      overlays: {
        '10-names.yaml': overlay([{ target: '$.paths[', description: 'Broken.', update: { x: 1 } }]),
      },
      want: { status: 1, written: false, stderr: ['10-names.yaml: action 1 ($.paths[)'] },
    },
  ],
  [
    'a paths.yaml entry whose raw path is gone is stale too',
    {
      overlays: {},
      paths: 'paths:\n  - raw: /v1/Gone\n    canonical: /v1/gone\n    why: casing\n',
      want: { status: 1, written: false, stderr: ['/v1/Gone, casing'] },
    },
  ],
  [
    'paths.yaml renames a placeholder and its path parameter after all overlays',
    {
      overlays: {
        '10-params.yaml': overlay([
          {
            target: "$.paths['/v1/things/{thingID}'].get.parameters[?@.name == 'thingID']",
            description: 'Overlays target the raw placeholder name.',
            update: { description: 'Id of the thing.' },
          },
        ]),
      },
      paths: renameThing,
      want: { status: 0, written: true, warnings: [], summary: '/v1/things/{thingId}:' },
    },
  ],
];

describe('curate-spec stale-curation guard', () => {
  it.each(cases)('%s', (name, { overlays, paths, env, want }) => {
    const dir = join(outputRoot, name.replace(/[^a-z0-9]+/gi, '-'));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'overlays'), { recursive: true });
    writeFileSync(join(dir, 'openapi.raw.yaml'), stringify(raw));
    for (const [file, text] of Object.entries(overlays)) writeFileSync(join(dir, 'overlays', file), text);
    writeFileSync(join(dir, 'overlays', 'paths.yaml'), paths ?? 'paths: []\n');
    const out = join(dir, 'openapi.yaml');
    if (!want.written) writeFileSync(out, 'previous output\n');

    const run = runStage(
      curateScript,
      [
        '--raw',
        join(dir, 'openapi.raw.yaml'),
        '--overlays',
        join(dir, 'overlays'),
        '--config',
        redoclyConfig,
        '--out',
        out,
      ],
      env,
    );

    expect(run.status, run.stderr).toBe(want.status);
    for (const text of want.stderr ?? []) expect(run.stderr).toContain(text);
    if (want.written) {
      expect(run.stdout).toMatch(
        /^curate-spec: \d+ overlay actions from \d+ files, \d+ stale, .* \(\d+ ms\)\n$/,
      );
      const text = readFileSync(out, 'utf8');
      expect(text.startsWith('# Generated by scripts/src/curate-spec.ts')).toBe(true);
      if (want.summary) expect(text).toContain(want.summary);
      const warnings = run.stderr
        .split('\n')
        .filter((line) => line.startsWith('warning '))
        .map(
          (line) =>
            JSON.parse(line.slice('warning '.length)) as { code: string; location: string; message: string },
        );
      expect(warnings.map(({ code, location }) => ({ code, location }))).toEqual(want.warnings ?? []);
      expect(parse(text)).toHaveProperty('openapi', '3.1.0');
    } else {
      expect(readFileSync(out, 'utf8')).toBe('previous output\n');
      expect(existsSync(`${out}.tmp`)).toBe(false);
    }
  });
});
