/**
 * `pnpm --filter @replykit/client bench` (or `pnpm bench`): per-call cost of the client against bare
 * openapi-fetch and plain fetch over one instant stub fetch, and the minified + gzipped size of
 * `import { createReplyClient }` against openapi-fetch alone. Rewrites the client section of BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { paths } from '@replykit/types';
import createClient from 'openapi-fetch';
import ts from 'typescript';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// The built artefact (what users install), typed by the sources it was built from.
const { createReplyClient } = (await import(
  join(packageDir, 'dist', 'index.js')
)) as typeof import('../src/index.js');
const benchmarksFile = join(packageDir, '..', '..', 'BENCHMARKS.md');
const started = performance.now();

// One instant stub: the same small JSON page for every request, no I/O.
const body = JSON.stringify({
  people: [{ id: 1, email: 'a@example.com' }],
  page: 1,
  limit: 100,
  pagesCount: 1,
  next: null,
});
const stub = async (_request: Request) =>
  new Response(body, { headers: { 'content-type': 'application/json' } });
const baseUrl = 'https://api.reply.io';
const apiKey = 'BENCH-not-a-real-key-000';

const bare = createClient<paths>({ baseUrl, fetch: stub, headers: { 'x-api-key': apiKey } });
const reply = createReplyClient({ apiKey, baseUrl, fetch: stub });
const init = { params: { query: { page: 1 } } };

const tasks: Record<string, () => Promise<unknown>> = {
  'plain fetch': async () => {
    const response = await stub(
      new Request(`${baseUrl}/v1/people?page=1`, { headers: { 'x-api-key': apiKey } }),
    );
    return response.json();
  },
  'openapi-fetch': () => bare.GET('/v1/people', init),
  '@replykit/client': () => reply.GET('/v1/people', init),
};

// The machine is shared, so load drifts: the tasks run interleaved in short rounds, and each round yields
// one ratio against openapi-fetch measured under the same load. Reported: medians over the rounds.
const rounds = 40;
const callsPerRound = 750;
for (const task of Object.values(tasks)) for (let call = 0; call < 5_000; call++) await task(); // warm-up
const perRound: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
const entries = Object.entries(tasks);
for (let round = 0; round < rounds; round++) {
  // The order rotates every round, so no task always pays for the garbage of the one before it.
  for (const [name, task] of [
    ...entries.slice(round % entries.length),
    ...entries.slice(0, round % entries.length),
  ]) {
    // CPU time of this process, not wall time: other work on a shared machine does not count.
    const roundStart = process.cpuUsage();
    for (let call = 0; call < callsPerRound; call++) await task();
    const used = process.cpuUsage(roundStart);
    perRound[name]?.push((used.user + used.system) / callsPerRound);
  }
}
const quantileOf = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)] ?? Number.NaN;
};
const medianOf = (values: number[]): number => quantileOf(values, 0.5);
const perCall = Object.fromEntries(
  Object.entries(perRound).map(([name, values]) => [name, medianOf(values)]),
);
const ratios = (name: string) =>
  (perRound[name] ?? []).map((value, round) => value / (perRound['openapi-fetch']?.[round] ?? 1));
const ratio = medianOf(ratios('@replykit/client'));
// The middle half of the per-round ratios: how much one round's load can move the result.
const ratioSpread = `${quantileOf(ratios('@replykit/client'), 0.25).toFixed(2)}–${quantileOf(ratios('@replykit/client'), 0.75).toFixed(2)}`;
const plainRatio = medianOf(ratios('plain fetch'));

// Bundle size with tsup's own esbuild: the client's entry point against openapi-fetch alone.
/**
 * Writes a copy of a built module with the text of every string and template literal emptied (import
 * specifiers kept) and returns its path: what the code weighs without any wording.
 */
function emptyStringsCopy(file: string): string {
  const code = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      node.parent !== undefined &&
      (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent));
    // `typeof x === "string"` keeps its string: emptied, the minifier would drop the code behind it.
    const typeofOperand =
      node.parent !== undefined &&
      ts.isBinaryExpression(node.parent) &&
      (ts.isTypeOfExpression(node.parent.left) || ts.isTypeOfExpression(node.parent.right));
    if (ts.isStringLiteral(node) && !specifier && !typeofOperand)
      edits.push({ start: node.getStart(), end: node.end, text: '""' });
    else if (ts.isNoSubstitutionTemplateLiteral(node))
      edits.push({ start: node.getStart(), end: node.end, text: '``' });
    else if (ts.isTemplateHead(node)) edits.push({ start: node.getStart(), end: node.end, text: '`${' });
    else if (ts.isTemplateMiddle(node)) edits.push({ start: node.getStart(), end: node.end, text: '}${' });
    else if (ts.isTemplateTail(node)) edits.push({ start: node.getStart(), end: node.end, text: '}`' });
    ts.forEachChild(node, visit);
  };
  visit(source);
  let stripped = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start))
    stripped = stripped.slice(0, start) + text + stripped.slice(end);
  // Under test-output/ (ignored, never packed), inside the package so that `openapi-fetch` still resolves.
  mkdirSync(join(packageDir, 'test-output'), { recursive: true });
  const copy = join(packageDir, 'test-output', 'index.no-strings.js');
  writeFileSync(copy, stripped);
  return copy;
}

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { contents: Uint8Array }[] }>;
}
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild') as Esbuild;
async function gzippedBytes(contents: string): Promise<number> {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    // The copy without strings has duplicate keys ('' everywhere); the builds are only weighed.
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}
const clientBytes = await gzippedBytes("export { createReplyClient } from './dist/index.js';");
// The floor of the client's own code: the same bundle with the text of every string and template literal of
// dist/index.js emptied (messages, header names, tables). No rewording of messages can go below it.
const floorBytes = await gzippedBytes(
  `export { createReplyClient } from ${JSON.stringify(emptyStringsCopy(join(packageDir, 'dist', 'index.js')))};`,
);
const openapiFetchBytes = await gzippedBytes("export { default as createClient } from 'openapi-fetch';");
const extraKb = (clientBytes - openapiFetchBytes) / 1024;
const floorKb = (floorBytes - openapiFetchBytes) / 1024;

const us = (value: number | undefined) => `${(value ?? 0).toFixed(2)} µs`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const section = `<!-- bench:client:start -->
## @replykit/client

Command: \`pnpm --filter @replykit/client bench\` (\`packages/client/bench/client.bench.ts\`): ${rounds} interleaved rounds (task order rotating) of ${callsPerRound} calls per task, CPU time per call (\`process.cpuUsage\`); medians over rounds.
Machine: ${cpu}, ${availableParallelism()} cores, ${platform()} ${release()}, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.

Per call, \`GET /v1/people?page=1\` with one instant stub fetch (ratios are per round, under the same load):

| | per call | vs openapi-fetch |
|---|---|---|
| plain fetch | ${us(perCall['plain fetch'])} | ${plainRatio.toFixed(2)}× |
| openapi-fetch 0.17 | ${us(perCall['openapi-fetch'])} | 1.00× |
| @replykit/client (defaults: retries, timeout, throttle, quota counter) | ${us(perCall['@replykit/client'])} | **${ratio.toFixed(2)}×** (rounds' middle half ${ratioSpread}×; goal ≤ 1.15×: ${ratio <= 1.15 ? 'met' : 'NOT met'}) |

Bundle, \`import { createReplyClient }\` minified + gzipped (esbuild, ESM): **${kb(clientBytes)}**, openapi-fetch alone
${kb(openapiFetchBytes)}, difference **+${extraKb.toFixed(2)} kB** (goal ≤ +3 kB: ${extraKb <= 3 ? 'met' : 'NOT met'}).
The client's code alone, with the text of every string and template literal emptied (no messages, header
names or tables): **+${floorKb.toFixed(2)} kB**.
<!-- bench:client:end -->`;

const current = readFileSync(benchmarksFile, 'utf8');
const pattern = /<!-- bench:client:start -->[\s\S]*?<!-- bench:client:end -->/;
if (!pattern.test(current)) throw new Error('BENCHMARKS.md: no <!-- bench:client:start/end --> markers');
writeFileSync(benchmarksFile, current.replace(pattern, section));
console.log(
  `bench: client ${ratio.toFixed(2)}× (middle half ${ratioSpread}) openapi-fetch per call (${us(perCall['@replykit/client'])} vs ${us(perCall['openapi-fetch'])}), bundle +${extraKb.toFixed(2)} kB gzipped (+${floorKb.toFixed(2)} kB without strings); BENCHMARKS.md updated in ${Math.round(performance.now() - started)} ms`,
);
