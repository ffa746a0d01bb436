import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/sync-collection.js';

const REAL = fileURLToPath(new URL('../../spec/postman/reply-api.postman_collection.json', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../test-output/sync/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../src/sync-collection.ts', import.meta.url));
const TARGET = `${OUTPUT}target/reply-api.postman_collection.json`;
const ORIGINAL = readFileSync(REAL, 'utf8');

type Item = { name: string; item?: Item[]; request?: Record<string, unknown>; response?: unknown[] };
type Collection = { info: Record<string, unknown>; item: Item[]; auth?: unknown };

function edited(edit: (c: Collection) => void): string {
  const c = JSON.parse(ORIGINAL) as Collection;
  edit(c);
  return `${JSON.stringify(c, null, 2)}\n`;
}
const folder = (c: Collection, name: string) => c.item.find((f) => f.name === name)?.item ?? [];
const item = (c: Collection, folderName: string, name: string): Item => {
  const found = folder(c, folderName).find((r) => r.name === name);
  if (!found) throw new Error(`fixture: no request ${folderName} / ${name}`);
  return found;
};
const request = (c: Collection, folderName: string, name: string): Record<string, unknown> => {
  const found = item(c, folderName, name).request;
  if (!found) throw new Error(`fixture: ${folderName} / ${name} is a folder`);
  return found;
};

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, {
    root: OUTPUT,
    cwd: OUTPUT,
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
  });
  return { code, stdout, stderr };
}

function input(name: string, text: string): string {
  writeFileSync(`${OUTPUT}${name}`, text);
  return name;
}

beforeAll(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(`${OUTPUT}target`, { recursive: true });
});
beforeEach(() => writeFileSync(TARGET, ORIGINAL));

describe('sync from a file', () => {
  const cases: [string, { edit: (c: Collection) => void; want: string[] }][] = [
    [
      'a request added',
      {
        edit: (c) =>
          folder(c, 'Contacts').push({
            name: 'Get Contact (by Phone)',
            request: { method: 'GET', url: 'https://api.reply.io/v1/people?phone=1' },
          }),
        want: ['added     Contacts / Get Contact (by Phone)'],
      },
    ],
    [
      'a request removed',
      {
        edit: (c) => folder(c, 'Lists').splice(0, 1),
        want: ['removed   Lists / Create List'],
      },
    ],
    [
      'a request moved to another folder',
      {
        edit: (c) => folder(c, 'Custom Fields').push(...folder(c, 'Lists').splice(0, 1)),
        want: ['moved     Lists / Create List → Custom Fields / Create List'],
      },
    ],
    [
      'the method changed',
      {
        edit: (c) => {
          request(c, 'Contacts', 'Get All Contacts').method = 'POST';
        },
        want: ['modified  Contacts / Get All Contacts: method'],
      },
    ],
    [
      'the URL and the body changed',
      {
        edit: (c) => {
          const r = request(c, 'Lists', 'Create List');
          r.url = 'https://api.reply.io/v2/lists';
          r.body = { mode: 'raw', raw: '{"name":"x","shared":true}' };
        },
        want: ['modified  Lists / Create List: url, params, body'],
      },
    ],
    [
      'an example response changed',
      {
        edit: (c) => {
          item(c, 'Contacts', 'Get All Contacts').response = [];
        },
        want: ['modified  Contacts / Get All Contacts: responses'],
      },
    ],
    [
      'the description changed',
      {
        edit: (c) => {
          request(c, 'Lists', 'Get All Lists').description = 'Lists.';
        },
        want: ['modified  Lists / Get All Lists: description'],
      },
    ],
    [
      'the collection auth changed',
      {
        edit: (c) => {
          c.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] };
        },
        want: ['modified  (collection): auth'],
      },
    ],
  ];

  it.each(cases)('%s', async (_name, { edit, want }) => {
    const text = edited(edit);
    const result = await run(['--from', input('new.json', text), '--target', TARGET]);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout.slice(0, -1)).toEqual(want);
    expect(result.stdout.at(-1)).toMatch(
      /^sync: replaced .*reply-api\.postman_collection\.json with new\.json: \d+ requests \(\d+ added, \d+ removed, \d+ moved, \d+ modified, \d+ unchanged\) in \d+ ms; next: pnpm generate$/,
    );
    expect(readFileSync(TARGET, 'utf8')).toBe(text);
  });

  it('leaves an identical collection alone and says so', async () => {
    const result = await run(['--from', input('same.json', ORIGINAL), '--target', TARGET]);
    expect(result.stdout).toEqual([
      expect.stringMatching(
        /^sync: .* is already up to date with same\.json: 94 requests \(0 added, 0 removed, 0 moved, 0 modified, 94 unchanged\) in \d+ ms$/,
      ),
    ]);
  });

  it('writes nothing on --dry-run', async () => {
    const text = edited((c) => folder(c, 'Lists').splice(0, 1));
    const result = await run(['--from', input('dry.json', text), '--target', TARGET, '--dry-run']);
    expect(result.stdout).toEqual([
      'removed   Lists / Create List',
      expect.stringMatching(/^sync: dry run, .* not written; /),
    ]);
    expect(readFileSync(TARGET, 'utf8')).toBe(ORIGINAL);
  });

  const invalid: [string, { text: string | undefined; error: RegExp }][] = [
    ['an empty file', { text: '', error: /^sync: bad\.json: not valid JSON \(the input is empty\)/ }],
    ['broken JSON', { text: '{"info": ', error: /^sync: bad\.json: not valid JSON at line 1, column \d+/ }],
    [
      'a JSON array',
      { text: '[]', error: /^sync: bad\.json: expected a Postman collection object, got an array/ },
    ],
    [
      'an OpenAPI file',
      {
        text: '{"openapi":"3.1.0","paths":{}}',
        error: /^sync: bad\.json: not a Postman collection: no "info" object/,
      },
    ],
    ['a v1 collection', { text: '{"requests":[]}', error: /Postman collection v1/ }],
    [
      'an unknown schema version',
      {
        text: '{"info":{"schema":"https://schema.getpostman.com/json/collection/v3.0.0/collection.json"},"item":[]}',
        error: /^sync: bad\.json info\.schema: unsupported collection schema/,
      },
    ],
    [
      'no items',
      {
        text: '{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}',
        error: /^sync: bad\.json item: expected an array of items/,
      },
    ],
    [
      'no requests',
      {
        text: '{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[]}',
        error: /^sync: bad\.json: the collection has no requests/,
      },
    ],
    ['a missing file', { text: undefined, error: /^sync: cannot read .*bad\.json: ENOENT/ }],
  ];

  it.each(invalid)(
    'rejects %s with one line and exit 2, changing nothing',
    async (_name, { text, error }) => {
      rmSync(`${OUTPUT}bad.json`, { force: true });
      if (text !== undefined) input('bad.json', text);
      const result = await run(['--from', 'bad.json', '--target', TARGET]);
      expect(result.code).toBe(2);
      expect(result.stdout).toEqual([]);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(error);
      expect(result.stderr[0]).toMatch(/; .*reply-api\.postman_collection\.json was not changed$/);
      expect(readFileSync(TARGET, 'utf8')).toBe(ORIGINAL);
      expect(readdirSync(`${OUTPUT}target`)).toEqual(['reply-api.postman_collection.json']);
    },
  );

  it('asks for --from', async () => {
    expect(await run([])).toEqual({
      code: 2,
      stdout: [],
      stderr: ['sync: --from <file|url> is required (see --help)'],
    });
  });
});

describe('sync from a URL', () => {
  let server: Server;
  let base: string;
  const seen: IncomingHttpHeaders[] = [];
  const added = edited((c) =>
    folder(c, 'Contacts').push({
      name: 'Ping',
      request: { method: 'GET', url: 'https://api.reply.io/v1/ping' },
    }),
  );

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/collection.json') res.writeHead(200, { 'content-type': 'application/json' }).end(added);
      else if (path === '/api/collections/1')
        res.writeHead(200).end(JSON.stringify({ collection: JSON.parse(added) }));
      else if (path === '/page')
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Log in</html>');
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('downloads the collection and replaces the target with it', async () => {
    const result = await run(['--from', `${base}/collection.json`, '--target', TARGET]);
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toBe('added     Contacts / Ping');
    expect(result.stdout.at(-1)).toContain(`with ${base}/collection.json: 95 requests (1 added,`);
    expect(readFileSync(TARGET, 'utf8')).toBe(added);
  });

  it('unwraps the Postman API answer and keeps the bare collection', async () => {
    const result = await run(['--from', `${base}/api/collections/1`, '--target', TARGET]);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(TARGET, 'utf8'))).toEqual(JSON.parse(added));
  });

  const failures: [string, { path: string; error: string }][] = [
    [
      'a 404, without the query (it may hold a key)',
      { path: '/gone?access_key=SECRET', error: 'sync: GET {base}/gone?… answered 404 Not Found' },
    ],
    [
      'an HTML page',
      { path: '/page', error: 'sync: {base}/page: not valid JSON at line 1, column 1 (InvalidSymbol)' },
    ],
  ];
  it.each(failures)('rejects %s', async (_name, { path, error }) => {
    const result = await run(['--from', `${base}${path}`, '--target', TARGET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      `${error.replace('{base}', base)}; ${TARGET} was not changed`.replace(`${OUTPUT}`, ''),
    ]);
    expect(readFileSync(TARGET, 'utf8')).toBe(ORIGINAL);
  });

  it('runs as a process: INIT_CWD for relative paths, POSTMAN_API_KEY never sent to other hosts', async () => {
    seen.length = 0;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        SCRIPT,
        '--from',
        `${base}/collection.json`,
        '--target',
        'target/reply-api.postman_collection.json',
      ],
      {
        env: { ...process.env, TURBO_HASH: '', INIT_CWD: OUTPUT, POSTMAN_API_KEY: 'PMAK-secret' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^added {5}Contacts \/ Ping\nsync: replaced \S*target\/reply-api\.postman_collection\.json with /,
    );
    expect(stdout).not.toContain('PMAK-secret');
    expect(seen.map((h) => h['x-api-key'])).toEqual([undefined]);
    expect(readFileSync(TARGET, 'utf8')).toBe(added);
  });
});
