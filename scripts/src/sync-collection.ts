/**
 * `pnpm sync --from <file|url>`: takes in a new Reply collection. Validates it with the converter (nothing is
 * changed when it is not a Postman collection v2.0/v2.1 or does not convert), replaces
 * `spec/postman/reply-api.postman_collection.json` atomically and lists the requests added, removed, moved
 * and modified.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CollectionError, convert } from '@replykit/postman-to-openapi';
import { canonical, isObject, type JsonObject } from './spec-diff/document.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COLLECTION_PATH = 'spec/postman/reply-api.postman_collection.json';
const FETCH_TIMEOUT_MS = 60_000;

export const HELP = `Usage: pnpm sync --from <file|url> [--target <file>] [--dry-run]

Replaces ${COLLECTION_PATH} with a new Reply collection (Postman v2.0/v2.1, also the
{ "collection": ... } wrapper of the Postman API) and lists the requests added, removed, moved and modified
(method, url, params, headers, body, auth, responses, description), then one summary line.

  --from <file|url>  the new collection: a file, or an http(s) URL (POSTMAN_API_KEY is sent as X-Api-Key
                     to api.getpostman.com only)
  --target <file>    the collection to replace (default: ${COLLECTION_PATH})
  --dry-run          list the changes, write nothing

Relative paths: through turbo (\`pnpm sync\` / \`pnpm spec:diff\` at the root) they are resolved against the
repository root, never against scripts/ where turbo runs the task; run directly (\`pnpm --filter
@replykit/scripts ...\`, \`tsx\`), against the directory pnpm was started in (INIT_CWD), else the root.
Exit codes: 0 done, 2 invalid input (nothing changed).
Then run \`pnpm generate\` (see CONTRIBUTING.md, "Updating the API").`;

type Json = JsonObject;

/** A URL safe to print: no user info, no query values (they may hold keys). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '<invalid URL>';
  }
}

class InputError extends Error {}

async function load(from: string, cwd: string): Promise<{ text: string; label: string }> {
  if (/^https?:\/\//i.test(from)) {
    const label = redactUrl(from);
    const headers: Record<string, string> = { accept: 'application/json' };
    const key = process.env.POSTMAN_API_KEY;
    if (key && new URL(from).hostname === 'api.getpostman.com') headers['x-api-key'] = key;
    let response: Response;
    try {
      response = await fetch(from, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new InputError(`cannot fetch ${label}: ${cause}`);
    }
    if (!response.ok)
      throw new InputError(`GET ${label} answered ${response.status} ${response.statusText}`.trim());
    return { text: await response.text(), label };
  }
  const path = isAbsolute(from) ? from : resolve(cwd, from);
  try {
    const rel = relative(cwd, path);
    return { text: readFileSync(path, 'utf8'), label: rel && !rel.startsWith('..') ? rel : path };
  } catch (error) {
    throw new InputError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function text(description: unknown): string {
  if (typeof description === 'string') return description;
  return isObject(description) && typeof description.content === 'string' ? description.content : '';
}

function urlOf(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return '';
  if (typeof url.raw === 'string') return url.raw.split('?')[0] ?? '';
  const host = Array.isArray(url.host) ? url.host.join('.') : String(url.host ?? '');
  const path = Array.isArray(url.path)
    ? url.path.map((p) => (isObject(p) ? p.value : p)).join('/')
    : String(url.path ?? '');
  return `${host}/${path}`;
}

/** What `modified` compares, in the order it names them. */
const ASPECTS = {
  method: (r: Json) => String(r.method ?? 'GET').toUpperCase(),
  url: (r: Json) => urlOf(r.url),
  params: (r: Json) =>
    canonical(isObject(r.url) ? { query: r.url.query ?? [], variable: r.url.variable ?? [] } : {}),
  headers: (r: Json) => canonical(r.header ?? []),
  body: (r: Json) => canonical(r.body ?? null),
  auth: (r: Json) => canonical(r.auth ?? null),
  description: (r: Json) => text(r.description),
} as const;

export interface RequestEntry {
  /** `Folder / Subfolder / Request name`; a repeated name gets ` #2`, ` #3`. */
  key: string;
  name: string;
  aspects: Record<string, string>;
}

/** Every request of a collection, in collection order. */
export function requestsOf(collection: Json): RequestEntry[] {
  const result: RequestEntry[] = [];
  const seen = new Map<string, number>();
  const walk = (items: unknown, folders: string[]) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!isObject(item)) continue;
      const name = String(item.name ?? '(unnamed)');
      if (Array.isArray(item.item)) {
        walk(item.item, [...folders, name]);
        continue;
      }
      const request =
        typeof item.request === 'string' ? { url: item.request } : isObject(item.request) ? item.request : {};
      const aspects: Record<string, string> = {};
      for (const [aspect, read] of Object.entries(ASPECTS)) aspects[aspect] = read(request);
      aspects.responses = canonical(item.response ?? []);
      const { name: _n, request: _r, response: _s, id: _i, ...rest } = item;
      aspects.other = canonical(rest);
      let key = [...folders, name].join(' / ');
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count > 1) key = `${key} #${count}`;
      result.push({ key, name, aspects });
    }
  };
  walk(collection.item, []);
  return result;
}

export interface CollectionChanges {
  added: string[];
  removed: string[];
  /** `[from, to]`: the same request in another folder. */
  moved: [string, string][];
  /** `[key, aspects that changed]`. */
  modified: [string, string[]][];
  unchanged: number;
  /** Collection-level parts that changed: info, auth, variables, events. */
  collection: string[];
}

export function compareCollections(before: Json, after: Json): CollectionChanges {
  const old = new Map(requestsOf(before).map((r) => [r.key, r]));
  const now = new Map(requestsOf(after).map((r) => [r.key, r]));
  const removed = [...old.values()].filter((r) => !now.has(r.key));
  const added = [...now.values()].filter((r) => !old.has(r.key));
  const moved: [string, string][] = [];
  for (const r of [...removed]) {
    const same = canonical(r.aspects);
    const match = added.find((a) => a.name === r.name && canonical(a.aspects) === same);
    if (!match) continue;
    moved.push([r.key, match.key]);
    removed.splice(removed.indexOf(r), 1);
    added.splice(added.indexOf(match), 1);
  }
  const modified: [string, string[]][] = [];
  let unchanged = 0;
  for (const [key, r] of now) {
    const o = old.get(key);
    if (!o) continue;
    const changed = Object.keys(r.aspects).filter((a) => r.aspects[a] !== o.aspects[a]);
    if (changed.length) modified.push([key, changed]);
    else unchanged++;
  }
  const collection = ['info', 'auth', 'variable', 'event'].filter((part) => {
    if (part !== 'info') return canonical(before[part] ?? null) !== canonical(after[part] ?? null);
    const strip = (info: unknown) =>
      isObject(info) ? { ...info, _postman_id: undefined, publishDate: undefined } : info;
    return canonical(strip(before.info) ?? null) !== canonical(strip(after.info) ?? null);
  });
  return {
    added: added.map((r) => r.key),
    removed: removed.map((r) => r.key),
    moved,
    modified,
    unchanged,
    collection,
  };
}

export function formatChanges(c: CollectionChanges): string[] {
  return [
    ...c.added.map((k) => `added     ${k}`),
    ...c.removed.map((k) => `removed   ${k}`),
    ...c.moved.map(([from, to]) => `moved     ${from} → ${to}`),
    ...c.modified.map(([k, aspects]) => `modified  ${k}: ${aspects.join(', ')}`),
    ...(c.collection.length ? [`modified  (collection): ${c.collection.join(', ')}`] : []),
  ];
}

/** Write next to the target, then rename: readers see the old file or the new one, never half of one. */
function writeAtomically(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Where relative paths start. Under turbo (TURBO_HASH is set) the inner pnpm has reset INIT_CWD to scripts/,
 * so the repository root is the only sensible base; otherwise pnpm's INIT_CWD is where the user typed.
 */
export function userDirectory(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TURBO_HASH) return root;
  return env.INIT_CWD ?? root;
}

export interface CliIo {
  root?: string;
  cwd?: string;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const started = performance.now();
  const root = io.root ?? REPO_ROOT;
  const cwd = io.cwd ?? userDirectory(root);
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  let args: { from?: string; target?: string; 'dry-run'?: boolean; help?: boolean };
  try {
    args = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        target: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    err(`sync: ${(error as Error).message} (see --help)`);
    return 2;
  }
  if (args.help) {
    out(HELP);
    return 0;
  }
  if (!args.from) {
    err('sync: --from <file|url> is required (see --help)');
    return 2;
  }
  const target = args.target
    ? isAbsolute(args.target)
      ? args.target
      : resolve(cwd, args.target)
    : join(root, COLLECTION_PATH);
  const shown = relative(root, target).startsWith('..') ? target : relative(root, target);

  let incoming: { text: string; label: string };
  let collection: Json;
  let wrapped: boolean;
  try {
    incoming = await load(args.from, cwd);
    // The converter's own reading is the validation: what it rejects, sync rejects, with its message.
    convert(incoming.text, { source: incoming.label });
    const parsed = JSON.parse(incoming.text) as Json;
    wrapped = !('info' in parsed) && isObject(parsed.collection);
    collection = wrapped ? (parsed.collection as Json) : parsed;
    if (requestsOf(collection).length === 0)
      throw new InputError(`${incoming.label}: the collection has no requests`);
  } catch (error) {
    if (error instanceof InputError || error instanceof CollectionError) {
      err(`sync: ${error.message}; ${shown} was not changed`);
      return 2;
    }
    throw error;
  }

  let before: Json = {};
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
    before = JSON.parse(current) as Json;
  } catch {
    // No previous collection (first sync): every request is new.
  }
  // The Postman API wraps the collection; the project keeps the bare collection.
  const content = wrapped ? `${JSON.stringify(collection, null, 2)}\n` : incoming.text;
  const changes = compareCollections(before, collection);
  const requests = requestsOf(collection).length;
  for (const line of formatChanges(changes)) out(line);
  const counts =
    `${requests} requests (${changes.added.length} added, ${changes.removed.length} removed, ` +
    `${changes.moved.length} moved, ${changes.modified.length} modified, ${changes.unchanged} unchanged)`;
  const ms = () => Math.round(performance.now() - started);
  if (content === current) {
    out(`sync: ${shown} is already up to date with ${incoming.label}: ${counts} in ${ms()} ms`);
    return 0;
  }
  if (args['dry-run']) {
    out(`sync: dry run, ${shown} not written; ${incoming.label}: ${counts} in ${ms()} ms`);
    return 0;
  }
  writeAtomically(target, content);
  out(`sync: replaced ${shown} with ${incoming.label}: ${counts} in ${ms()} ms; next: pnpm generate`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`sync: unexpected failure: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
