import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  container?: { image: string };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

function load(name: string): Workflow {
  const doc = parseDocument(read(`.github/workflows/${name}`), { uniqueKeys: true });
  expect(doc.errors, name).toEqual([]);
  return doc.toJS() as Workflow;
}

const FILES = readdirSync(new URL('.github/workflows/', ROOT)).filter((f) => f.endsWith('.yml'));
const pkg = JSON.parse(read('package.json')) as { packageManager: string; scripts: Record<string, string> };
const PNPM = `npx --yes ${pkg.packageManager}`;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s.run] : []));

describe('every workflow', () => {
  it('exists: ci, release, regenerate', () => {
    expect(FILES.sort()).toEqual(['ci.yml', 'regenerate.yml', 'release.yml']);
  });

  it.each(FILES)('%s pins every action to an exact version', (file) => {
    for (const { uses } of steps(load(file))) {
      if (uses) expect(uses, file).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    }
  });

  it.each(FILES)('%s sets minimal permissions and a concurrency group', (file) => {
    const w = load(file);
    expect(w.permissions, file).toBeDefined();
    expect(
      Object.values(w.permissions).filter((p) => p !== 'read'),
      `${file}: top-level permissions`,
    ).toEqual([]);
    for (const job of Object.values(w.jobs)) {
      expect(JSON.stringify(job.permissions ?? {}), file).not.toMatch(/write-all|"actions"|"packages"/);
    }
    expect(w.concurrency.group, file).toBeTruthy();
  });

  it.each(FILES)('%s runs pnpm as the README says, only root scripts that exist', (file) => {
    for (const run of runs(load(file))) {
      for (const m of run.matchAll(/npx --yes pnpm@[\d.]+ (?:run )?([\w:-]+)/g)) {
        expect(run, file).toContain(PNPM);
        if (m[1] !== 'install' && m[1] !== 'exec')
          expect(Object.keys(pkg.scripts), `${file}: ${m[1]}`).toContain(m[1]);
      }
      // Expressions inside a script are an injection risk; values come in through env.
      expect(run, file).not.toMatch(/\$\{\{\s*(inputs|github\.event|vars)\./);
    }
  });

  it.each(FILES)('%s sets up Node from .nvmrc', (file) => {
    const setup = steps(load(file)).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup.length, file).toBeGreaterThan(0);
    for (const s of setup) expect(s.with?.['node-version-file']).toBe('.nvmrc');
    expect(read('.nvmrc').trim()).toMatch(/^20\./);
  });
});

describe('ci.yml', () => {
  const ci = load('ci.yml');
  const ciRun = read('.ci/run');
  const readme = read('README.md');

  it('runs the commands of .ci/run and the README quick start, in that order', () => {
    const commands = runs(ci).join('\n');
    const bootstrap = `${PNPM} run bootstrap`;
    const test = `${PNPM} test`;
    for (const command of [bootstrap, test]) {
      expect(ciRun).toContain(command);
      expect(readme).toContain(command.replace('--yes ', ''));
    }
    expect(commands.indexOf(bootstrap)).toBeGreaterThan(-1);
    expect(commands.indexOf('git status --porcelain')).toBeGreaterThan(commands.indexOf(bootstrap));
    expect(commands.indexOf(test)).toBeGreaterThan(commands.indexOf('git status --porcelain'));
    expect(ciRun).toContain('git status --porcelain');
  });

  it('runs on Debian with its chromium, on pushes to main and on pull requests, read-only', () => {
    expect(ci.jobs.test?.container?.image).toMatch(/^debian:/);
    expect(runs(ci).join('\n')).toMatch(/apt-get install .*chromium/s);
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });
});

describe('release.yml', () => {
  const release = load('release.yml');
  const job = Object.values(release.jobs)[0] as Job;

  it('versions and publishes with changesets, with provenance', () => {
    const action = job.steps.find((s) => s.uses?.startsWith('changesets/action@'));
    expect(action?.with?.publish).toMatch(/changeset publish$/);
    expect(action?.with?.version).toMatch(/changeset version$/);
    expect(action?.env?.NPM_CONFIG_PROVENANCE).toBe('true');
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    expect(release.permissions).toEqual({});
  });

  it('checks the packages before publishing them', () => {
    const check = job.steps.findIndex((s) => s.run === `${PNPM} run release:check`);
    const publish = job.steps.findIndex((s) => s.uses?.startsWith('changesets/action@'));
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(publish);
    expect(release.concurrency['cancel-in-progress']).toBe(false);
  });
});

describe('regenerate.yml', () => {
  const regenerate = load('regenerate.yml');
  const job = Object.values(regenerate.jobs)[0] as Job;

  it('runs weekly and by hand with a URL', () => {
    expect(regenerate.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* \d$/) }]);
    expect(regenerate.on.workflow_dispatch).toMatchObject({ inputs: { url: { type: 'string' } } });
  });

  it('syncs, generates reporting stale overlays, classifies with a changeset, then opens a PR', () => {
    const at = (pattern: RegExp) => job.steps.findIndex((s) => pattern.test(s.run ?? ''));
    const sync = at(/pnpm@[\d.]+ sync --from "\$COLLECTION_URL"/);
    const generate = at(/pnpm@[\d.]+ generate/);
    const diff = at(/pnpm@[\d.]+ spec:diff --base HEAD --changeset/);
    const pr = job.steps.findIndex((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    expect([sync, generate, diff, pr].every((i) => i >= 0)).toBe(true);
    expect(sync < generate && generate < diff && diff < pr).toBe(true);
    expect(job.steps[generate]?.env).toEqual({ REPLYKIT_ALLOW_STALE_OVERLAYS: '1' });
    expect(job.steps[sync]?.env?.COLLECTION_URL).toMatch(
      /^\$\{\{ inputs\.url \|\| vars\.REPLY_COLLECTION_URL \}\}$/,
    );
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });
});
