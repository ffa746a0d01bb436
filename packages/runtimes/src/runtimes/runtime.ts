import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SmokeInput, SmokeResult } from '../smoke.js';

/** The built smoke scenario: one ESM bundle in `dir`, for every runtime. */
export interface SmokeFiles {
  dir: string;
  /** `dir/smoke.js`, exporting `runSmoke`. */
  bundle: string;
}

/** Either the runtime's version, or why it cannot run on this machine (shown as the test's skip reason). */
export type Probe = { version: string } | { skip: string };

export interface Runtime {
  /** As the smoke script names the runtime it finds itself in (`SmokeResult.runtime.name`). */
  name: 'node' | 'deno' | 'bun' | 'edge-runtime' | 'browser';
  /** What runs it, e.g. `deno from @deno/linux-x64-glibc`. */
  label: string;
  probe(): Probe;
  run(files: SmokeFiles, input: Required<SmokeInput>): Promise<SmokeResult>;
}

/** The command-line entry for runtimes that start a process: arguments in, one JSON line out. */
const CLI = `import { runSmoke } from './smoke.js';
const [mockUrl, apiKey] = globalThis.Deno ? Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await runSmoke({ mockUrl, apiKey })));
`;

/** Writes `dir/cli.js` (see `CLI`) and returns its path. */
export function writeCli(files: SmokeFiles): string {
  const cli = join(files.dir, 'cli.js');
  writeFileSync(cli, CLI);
  return cli;
}

/**
 * Runs the smoke CLI in a child process with only the given environment (no inherited `REPLY_API_KEY`, no
 * proxy settings) and parses the JSON line it prints last. Rejects with the exit status and the end of stderr.
 */
export function runCli(
  runtime: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<SmokeResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, timeout: 60_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (error) {
        const tail = stderr.trim().split('\n').slice(-6).join(' | ');
        reject(new Error(`${runtime} failed (${error.code ?? error.signal ?? 'error'}): ${tail || last}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as SmokeResult);
      } catch {
        reject(new Error(`${runtime} printed no JSON result; its last line: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** The first line of a failed probe command's stderr (e.g. a missing shared library), for the skip reason. */
export function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0] ?? '';
}
