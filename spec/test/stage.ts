// Runs a pipeline stage script the way `pnpm generate` does (a separate Node process through tsx).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const specDir = fileURLToPath(new URL('..', import.meta.url));
export const curateScript = fileURLToPath(new URL('../../scripts/src/curate-spec.ts', import.meta.url));

export interface StageRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx <script> ...args` from spec/ with extra environment variables. */
export function runStage(script: string, args: string[], env: Record<string, string> = {}): StageRun {
  const base: NodeJS.ProcessEnv = { ...process.env, REDOCLY_TELEMETRY: 'off' };
  delete base.REPLYKIT_ALLOW_STALE_OVERLAYS;
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: specDir,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
