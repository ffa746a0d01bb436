import { browser } from './browser.js';
import { bun } from './bun.js';
import { deno } from './deno.js';
import { edgeRuntime } from './edge-runtime.js';
import { node } from './node.js';

export type { Probe, Runtime, SmokeFiles } from './runtime.js';

/** Every runtime issue 4 names for `@replykit/client`: Node 20+, Deno, Bun, an edge runtime and a browser. */
export const runtimes = [node, deno, bun, edgeRuntime, browser] as const;
