import type { CheckOptions } from './check-package.js';

/** A TypeScript consumer project: its `module` / `moduleResolution` pair. */
export type TsKind = 'nodenext' | 'node10' | 'bundler';
/** Where a package's ESM scenario also runs (Node ESM and CommonJS always run when the scenario exists). */
export type Runtime = 'browser' | 'deno' | 'bun';

/**
 * One public package, as the consumer suite and `pnpm release:check` see it. Adding a package (e.g. the coming
 * `@replykit/mcp`) is one entry here plus its scenario files in `fixtures/scenarios/<basename>.{mjs,cjs,ts}`.
 */
export interface ConsumerPackage {
  name: string;
  /** Its folder, relative to the repository root. */
  dir: string;
  /** Options of its `checkPackage` (publint, attw, npm pack files). */
  check?: CheckOptions;
  /** Scenario files in fixtures/scenarios/, each printing one JSON line compared with `expected`. */
  scenarios: { esm?: string; cjs?: string; ts?: string };
  /** What the ESM and CJS scenarios print. */
  expected?: unknown;
  /** What the CJS scenario prints, when it differs from `expected`. */
  expectedCjs?: unknown;
  /** TypeScript kinds that type-check `scenarios.ts` and the README samples (default: all). */
  tsKinds?: TsKind[];
  /** Other runtimes the ESM scenario runs on. */
  runtimes?: Runtime[];
  /** Markdown files whose ```ts samples must compile in the TypeScript projects, relative to the repo root. */
  readmes?: string[];
  /** Declarations the README samples assume (variables a sample uses from an earlier paragraph). */
  readmePrelude?: string;
  /** CLI checks: `bin` run with `args` in the project; stdout must match `stdout`. */
  cli?: { bin: string; args: string[]; stdout: RegExp }[];
}

const clientPrelude = `import type { ReplyClient } from '@replykit/client';
import type { MockServer } from '@replykit/mock-server';
declare const reply: ReplyClient;
declare const mock: MockServer;
declare const body: { email: string; firstName: string };
declare const token: string;`;

export const CONSUMER_PACKAGES: ConsumerPackage[] = [
  {
    name: '@replykit/types',
    dir: 'packages/types',
    // `openapi.json` is data, not a module with types: attw does not resolve it.
    check: { excludeEntrypoints: ['./openapi.json'] },
    scenarios: { esm: 'types.mjs', cjs: 'types.cjs', ts: 'types.ts' },
    expected: { openapi: '3.1.0', people: true },
    readmes: ['packages/types/README.md'],
  },
  {
    name: '@replykit/client',
    dir: 'packages/client',
    scenarios: { esm: 'client.mjs', cjs: 'client.cjs', ts: 'client.ts' },
    expected: {
      get: 200,
      people: true,
      post: 201,
      actAs: 200,
      paginated: true,
      notFound: { name: 'NotFoundError', status: 404, isNotFoundError: true },
    },
    runtimes: ['browser', 'deno', 'bun'],
    readmes: ['README.md', 'packages/client/README.md'],
    readmePrelude: clientPrelude,
  },
  {
    name: '@replykit/mock-server',
    dir: 'packages/mock-server',
    scenarios: { esm: 'mock-server.mjs', cjs: 'mock-server.cjs', ts: 'mock-server.ts' },
    expected: { loopback: true, status: 200, recorded: 1 },
    readmes: ['packages/mock-server/README.md'],
    readmePrelude: clientPrelude,
    cli: [{ bin: 'replykit-mock', args: ['--help'], stdout: /replykit-mock/ }],
  },
  {
    name: '@replykit/postman-to-openapi',
    dir: 'packages/postman-to-openapi',
    scenarios: { esm: 'postman-to-openapi.mjs', cjs: 'postman-to-openapi.cjs', ts: 'postman-to-openapi.ts' },
    expected: { openapi: '3.1.0', paths: ['/v1/people'], yaml: true, warnings: 0 },
    // ESM-only: a CommonJS require either loads it or fails saying so.
    expectedCjs: { ok: true },
    // ESM-only, no `main`: moduleResolution node10 cannot see it (the one node10 policy, ADR 0091).
    tsKinds: ['nodenext', 'bundler'],
    readmes: ['packages/postman-to-openapi/README.md'],
    cli: [
      { bin: 'postman-to-openapi', args: ['collection.json'], stdout: /^openapi: 3\.1\.0$/m },
      { bin: 'postman-to-openapi', args: ['--version'], stdout: /^\d+\.\d+\.\d+/ },
    ],
  },
];

/** The options of `checkPackage` for a package, by name (none for a package that is not in the table). */
export function checkOptionsFor(name: string | undefined): CheckOptions {
  return CONSUMER_PACKAGES.find((p) => p.name === name)?.check ?? {};
}
