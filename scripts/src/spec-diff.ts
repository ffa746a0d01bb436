/**
 * `pnpm spec:diff [--base <git-ref>|<file>] [--head <file>] [--changeset]`: every change between the curated
 * spec and a base, classified major / minor / patch, then a final `bump:` line.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readBase, SPEC_PATH } from './spec-diff/base.js';
import { bumpOf, formatChange } from './spec-diff/change.js';
import { changesetName, renderChangeset } from './spec-diff/changeset.js';
import { diffSpecs } from './spec-diff/diff.js';
import { SpecDocument } from './spec-diff/document.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const HELP = `Usage: pnpm spec:diff [--base <git-ref>|<file>] [--head <file>] [--changeset]

Lists every change between the curated spec and a base, one line each, most severe first:
  major  operation removed, parameter removed or became required, request field removed/renamed or became
         required, response field removed or its type changed, enum value removed, security changed
  minor  operation, optional parameter, request or response field, or enum value added
  patch  descriptions, examples, summaries only
then a summary line and a final line "bump: major|minor|patch|none".

  --base <ref|file>  the spec to compare with: a file, or a git ref whose ${SPEC_PATH} is read
                     (default: the latest release tag @replykit/types@* or v*, else HEAD)
  --head <file>      the new spec (default: ${SPEC_PATH})
  --changeset        write .changeset/spec-<hash>.md bumping @replykit/types and @replykit/client by that
                     level, listing the changes (nothing is written when the bump is none)

Relative paths: through turbo (\`pnpm sync\` / \`pnpm spec:diff\` at the root) they are resolved against the
repository root, never against scripts/ where turbo runs the task; run directly (\`pnpm --filter
@replykit/scripts ...\`, \`tsx\`), against the directory pnpm was started in (INIT_CWD), else the root.
Exit codes: 0 done, 2 bad arguments or input.`;

/**
 * Where relative paths start. Under turbo (TURBO_HASH is set) the inner pnpm has reset INIT_CWD to scripts/,
 * so the repository root is the only sensible base; otherwise pnpm's INIT_CWD is where the user typed.
 */
export function userDirectory(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TURBO_HASH) return root;
  return env.INIT_CWD ?? root;
}

/** A path relative to the repository root when it is inside it, else absolute. */
function shown(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export interface CliIo {
  root?: string;
  /** Where relative file arguments start from; pnpm sets INIT_CWD to the directory it was run in. */
  cwd?: string;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

export function main(argv: string[], io: CliIo = {}): number {
  const started = performance.now();
  const root = io.root ?? REPO_ROOT;
  const cwd = io.cwd ?? userDirectory(root);
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  let args: { base?: string; head?: string; changeset?: boolean; help?: boolean };
  try {
    args = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        changeset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    err(`spec:diff: ${(error as Error).message} (see --help)`);
    return 2;
  }
  if (args.help) {
    out(HELP);
    return 0;
  }
  const headPath = args.head ? at(args.head) : join(root, SPEC_PATH);
  let headText: string;
  let base: SpecDocument;
  let head: SpecDocument;
  let baseLabel: string;
  try {
    try {
      headText = readFileSync(headPath, 'utf8');
    } catch {
      throw new Error(`cannot read the new spec ${headPath}`);
    }
    const baseSpec = readBase(root, args.base, args.base ? at(args.base) : undefined);
    baseLabel = baseSpec.label;
    base = SpecDocument.parse(baseSpec.text, `base ${baseLabel}`);
    head = SpecDocument.parse(headText, shown(root, headPath));
  } catch (error) {
    err(`spec:diff: ${(error as Error).message}`);
    return 2;
  }
  let changes: ReturnType<typeof diffSpecs>;
  try {
    changes = diffSpecs(base, head);
  } catch (error) {
    err(`spec:diff: ${(error as Error).message}`);
    return 2;
  }
  for (const c of changes) out(formatChange(c));
  const bump = bumpOf(changes);
  const n = (level: string) => changes.filter((c) => c.level === level).length;
  let wrote = '';
  if (args.changeset && bump !== 'none') {
    const file = join(root, '.changeset', changesetName(headText));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, renderChangeset(bump, changes, baseLabel));
    renameSync(`${file}.tmp`, file);
    wrote = `, wrote ${relative(root, file)}`;
  }
  const ms = Math.round(performance.now() - started);
  out(
    `spec:diff: ${baseLabel} → ${shown(root, headPath)}: ${changes.length} changes ` +
      `(${n('major')} major, ${n('minor')} minor, ${n('patch')} patch)${wrote} in ${ms} ms`,
  );
  out(`bump: ${bump}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
