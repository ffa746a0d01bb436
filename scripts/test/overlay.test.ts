import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  type JsonObject,
  listOverlayFiles,
  loadOverlay,
  type OverlayAction,
  runOverlays,
} from '../src/overlay.js';

const outputDir = fileURLToPath(new URL('../test-output/overlay', import.meta.url));

const base = (): JsonObject => ({
  info: { title: 'Raw', version: '1' },
  tags: [{ name: 'A' }],
  paths: {
    '/a': {
      get: {
        summary: 'Get A',
        parameters: [
          { name: 'x', in: 'query' },
          { name: 'y', in: 'query' },
        ],
      },
    },
    '/b': { post: { summary: 'Post B' } },
  },
});

describe('applyAction follows Overlay 1.0 as Redocly applies it', () => {
  const cases: [
    string,
    { action: OverlayAction; want: { matched: number; at: (doc: JsonObject) => unknown; value: unknown } },
  ][] = [
    [
      'update merges objects recursively and keeps other keys',
      {
        action: { target: '$.info', description: 'd', update: { title: 'Reply', 'x-q': 1 } },
        want: { matched: 1, at: (d) => d.info, value: { title: 'Reply', version: '1', 'x-q': 1 } },
      },
    ],
    [
      'update of a string key replaces the string',
      {
        action: { target: "$.paths['/a'].get", description: 'd', update: { summary: 'List A' } },
        want: {
          matched: 1,
          at: (d) => (d.paths as JsonObject)['/a'],
          value: { get: expect.objectContaining({ summary: 'List A' }) },
        },
      },
    ],
    [
      'update appends to an array target',
      {
        action: { target: '$.tags', description: 'd', update: { name: 'B' } },
        want: { matched: 1, at: (d) => d.tags, value: [{ name: 'A' }, { name: 'B' }] },
      },
    ],
    [
      'update concatenates an array property',
      {
        action: { target: "$.paths['/a'].get", description: 'd', update: { parameters: [{ $ref: '#/p' }] } },
        want: {
          matched: 1,
          at: (d) => ((d.paths as JsonObject)['/a'] as JsonObject).get,
          value: expect.objectContaining({
            parameters: [{ name: 'x', in: 'query' }, { name: 'y', in: 'query' }, { $ref: '#/p' }],
          }),
        },
      },
    ],
    [
      'update of a primitive target replaces it',
      {
        action: { target: "$.paths['/b'].post.summary", description: 'd', update: 'Create B' },
        want: {
          matched: 1,
          at: (d) => (d.paths as JsonObject)['/b'],
          value: { post: { summary: 'Create B' } },
        },
      },
    ],
    [
      'a wildcard target updates every match',
      {
        action: { target: '$.paths[*][*]', description: 'd', update: { 'x-t': 10 } },
        want: {
          matched: 2,
          at: (d) => Object.values(d.paths as JsonObject).map((item) => Object.values(item as JsonObject)[0]),
          value: [expect.objectContaining({ 'x-t': 10 }), expect.objectContaining({ 'x-t': 10 })],
        },
      },
    ],
    [
      'remove with a filter drops several array items without shifting the wrong ones',
      {
        action: { target: "$.paths['/a'].get.parameters[?@.in == 'query']", description: 'd', remove: true },
        want: {
          matched: 2,
          at: (d) => (((d.paths as JsonObject)['/a'] as JsonObject).get as JsonObject).parameters,
          value: [],
        },
      },
    ],
    [
      'a target that matches nothing changes nothing and reports 0',
      {
        action: { target: "$.paths['/gone'].get", description: 'd', update: { summary: 'x' } },
        want: { matched: 0, at: (d) => d, value: base() },
      },
    ],
  ];

  it.each(cases)('%s', (_name, { action, want }) => {
    const document = base();
    expect(applyAction(document, action)).toBe(want.matched);
    expect(want.at(document)).toEqual(want.value);
  });

  it('refuses to merge an object into an array-valued key', () => {
    const document = base();
    expect(() =>
      applyAction(document, {
        target: "$.paths['/a'].get",
        description: 'd',
        update: { parameters: { a: 1 } },
      }),
    ).toThrow(/cannot apply object to array at \$\['paths'\]\['\/a'\]\['get'\]\['parameters'\]/);
  });
});

describe('runOverlays', () => {
  it('evaluates each target against the result of the earlier actions and lists the stale ones', () => {
    const overlays = [
      {
        path: '/x/10-a.yaml',
        file: '10-a.yaml',
        actions: [
          { target: "$.paths['/b']", description: 'drop b', remove: true },
          { target: '$.paths', description: 'add c', update: { '/c': { get: { summary: 'C' } } } },
        ],
      },
      {
        path: '/x/20-b.yaml',
        file: '20-b.yaml',
        actions: [
          { target: "$.paths['/b'].post", description: 'too late', update: { summary: 'x' } },
          { target: "$.paths['/c'].get", description: 'created earlier', update: { summary: 'List C' } },
        ],
      },
    ];
    const input = base();
    const run = runOverlays(input, overlays);
    expect(run.stale).toEqual([
      { file: '20-b.yaml', index: 1, target: "$.paths['/b'].post", description: 'too late' },
    ]);
    expect(run.actions).toBe(4);
    expect(run.perFile).toEqual({ '10-a.yaml': 2, '20-b.yaml': 2 });
    expect((run.document.paths as JsonObject)['/c']).toEqual({ get: { summary: 'List C' } });
    expect(input).toEqual(base());
  });

  it('names file, action and target when an action cannot be applied', () => {
    const overlays = [
      {
        path: '/x/10-a.yaml',
        file: '10-a.yaml',
        actions: [{ target: '$.paths[', description: 'bad', update: {} }],
      },
    ];
    expect(() => runOverlays(base(), overlays)).toThrow(/^10-a\.yaml: action 1 \(\$\.paths\[\): /);
  });
});

describe('loadOverlay and listOverlayFiles', () => {
  const write = (name: string, text: string) => {
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, name);
    writeFileSync(path, text);
    return path;
  };
  const header = 'overlay: 1.0.0\ninfo: {title: t, version: "1"}\n';
  const cases: [string, { text: string; error: RegExp }][] = [
    ['not YAML', { text: 'a: [', error: /^10-bad\.yaml: not valid YAML: / }],
    [
      'wrong version',
      {
        text: 'overlay: 2.0.0\ninfo: {title: t, version: "1"}\nactions: []\n',
        error: /`overlay` must be an Overlay 1\.0 version/,
      },
    ],
    ['no actions', { text: `${header}actions: []\n`, error: /`actions` must be a non-empty list/ }],
    [
      'no description',
      {
        text: `${header}actions:\n  - {target: $.info, update: {}}\n`,
        error: /action 1 \(\$\.info\): every action needs a `description`/,
      },
    ],
    [
      'blank description',
      {
        text: `${header}actions:\n  - {target: $.info, description: " ", update: {}}\n`,
        error: /needs a `description`/,
      },
    ],
    [
      'update and remove',
      {
        text: `${header}actions:\n  - {target: $.info, description: d, update: {}, remove: true}\n`,
        error: /exactly one of `update` or `remove: true`/,
      },
    ],
    [
      'no target',
      {
        text: `${header}actions:\n  - {description: d, update: {}}\n`,
        error: /action 1: `target` must be a JSONPath expression/,
      },
    ],
  ];

  it.each(cases)('rejects an overlay with %s in one line naming the file', (_name, { text, error }) => {
    const path = write('10-bad.yaml', text);
    expect(() => loadOverlay(path)).toThrow(error);
  });

  it('reads a valid overlay', () => {
    const path = write(
      '10-ok.yaml',
      `${header}actions:\n  - {target: $.info, description: why, remove: true}\n`,
    );
    expect(loadOverlay(path)).toEqual({
      path,
      file: '10-ok.yaml',
      actions: [{ target: '$.info', description: 'why', remove: true }],
    });
  });

  it('lists NN-name.yaml files in name order and ignores everything else', () => {
    const dir = join(outputDir, 'list');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of [
      '51-errors.yaml',
      '10-info.yaml',
      'paths.yaml',
      'README.md',
      '2-short.yaml',
      '20-schemas.yml',
    ]) {
      writeFileSync(join(dir, name), '');
    }
    expect(listOverlayFiles(dir).map((path) => path.slice(dir.length + 1))).toEqual([
      '10-info.yaml',
      '20-schemas.yml',
      '51-errors.yaml',
    ]);
  });
});
