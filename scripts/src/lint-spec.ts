// Stage 4 of `pnpm generate`: `redocly lint` of the curated spec with spec/redocly.yaml.
// Usage: tsx scripts/src/lint-spec.ts [--spec FILE] [--config FILE]
// Passes only with 0 errors AND 0 warnings; each problem is printed as a structured warning line.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Warning } from './overlay.js';

const SPEC = resolve(dirname(fileURLToPath(import.meta.url)), '../../spec');

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { pointer?: string; source?: { ref?: string } }[];
}

export interface LintResult {
  errors: number;
  warnings: number;
  problems: (Warning & { severity: 'error' | 'warn' })[];
}

/** Lints one spec with a Redocly config; throws when Redocly itself cannot run. */
export function lintSpec(spec: string, config: string): LintResult {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
  const run = spawnSync(
    process.execPath,
    [
      cli,
      'lint',
      spec,
      '--config',
      config,
      '--format',
      'json',
      '--max-problems',
      '10000',
      '--lint-config',
      'error',
    ],
    { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const start = run.stdout.indexOf('{');
  if (start < 0) {
    const detail = run.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !/[║╔╚═]/.test(line));
    throw new Error(`redocly lint did not report (exit ${run.status}): ${detail.slice(0, 4).join(' | ')}`);
  }
  const report = JSON.parse(run.stdout.slice(start)) as { problems: RedoclyProblem[] };
  const problems = report.problems.map((problem) => ({
    code: problem.ruleId,
    severity: problem.severity,
    location: problem.location?.[0]?.pointer ?? '#/',
    message: problem.message,
  }));
  return {
    errors: problems.filter((problem) => problem.severity === 'error').length,
    warnings: problems.filter((problem) => problem.severity === 'warn').length,
    problems,
  };
}

function main(): number {
  const started = performance.now();
  try {
    const { values } = parseArgs({
      options: {
        spec: { type: 'string', default: join(SPEC, 'openapi.yaml') },
        config: { type: 'string', default: join(SPEC, 'redocly.yaml') },
      },
    });
    const spec = resolve(values.spec);
    const result = lintSpec(spec, resolve(values.config));
    for (const problem of result.problems)
      process.stderr.write(`${problem.severity} ${JSON.stringify(problem)}\n`);
    const ms = Math.round(performance.now() - started);
    const name = relative(process.cwd(), spec) || spec;
    process.stdout.write(
      `lint-spec: ${name}: ${result.errors} errors, ${result.warnings} warnings (${ms} ms)\n`,
    );
    return result.errors + result.warnings === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`lint-spec: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  process.exitCode = main();
