import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EdgeRuntime } from 'edge-runtime';
import { transform } from 'esbuild';
import type { SmokeResult } from '../smoke.js';
import type { Runtime } from './runtime.js';

const require = createRequire(import.meta.url);
const version = (require('edge-runtime/package.json') as { version: string }).version;

/** The global the script form of the bundle assigns its exports to. */
const GLOBAL_NAME = '__replykitSmoke';

/**
 * Vercel's edge-runtime `EdgeRuntime` (its `EdgeVM`): a V8 context with the web APIs of edge functions and none
 * of Node's globals (`process`, `require`, `Buffer`). It evaluates scripts, not modules, so the same ESM bundle is
 * turned into a script (esbuild `transform`, a format change of the one file, nothing re-bundled).
 */
export const edgeRuntime: Runtime = {
  name: 'edge-runtime',
  label: `edge-runtime ${version} (EdgeVM)`,
  probe: () => ({ version }),
  run: async (files, input) => {
    const esm = readFileSync(files.bundle, 'utf8');
    const { code } = await transform(esm, { format: 'iife', globalName: GLOBAL_NAME, target: 'es2022' });
    const vm = new EdgeRuntime();
    vm.evaluate(code);
    const json = await vm.evaluate<Promise<string>>(
      `${GLOBAL_NAME}.runSmoke(${JSON.stringify(input)}).then((result) => JSON.stringify(result))`,
    );
    return JSON.parse(json) as SmokeResult;
  },
};
