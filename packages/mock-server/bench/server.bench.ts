/**
 * Startup time on the curated spec, and per-request cost of the mock server against a bare node:http server
 * answering the same bytes. Rewrites the mock-server section of BENCHMARKS.md. Run with `pnpm bench`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '../src/index.js';
import { loadSpec } from '../src/spec.js';

const started = performance.now();
const ROUNDS = 15;
const CALLS = 100;
/** Goal: the mock adds at most this much per request over a bare node:http server. */
const GOAL_OVERHEAD_MS = 1;
const benchmarksFile = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const loadAtStart = os.loadavg()[0] ?? 0;

// Cold: a document object is compiled on every start. Warm: the default spec file, compiled once and shared.
const document = loadSpec().document;
const startups: number[] = [];
const warmStartups: number[] = [];
for (let round = 0; round < 5; round++) {
  let t = performance.now();
  const cold = await startMockServer({ spec: document });
  startups.push(performance.now() - t);
  await cold.close();
  t = performance.now();
  const warm = await startMockServer();
  warmStartups.push(performance.now() - t);
  await warm.close();
}

const mock = await startMockServer();
// Paging builds only the page asked for: page 5,000 of a million items should cost what page 1 costs.
const PAGED_ITEMS = 1_000_000;
const PAGED_PATHS = ['/v1/people?page=1&limit=100', '/v1/people?page=5000&limit=100'];
const paged = await startMockServer({ pagedItems: PAGED_ITEMS });
const headers = { 'x-api-key': 'bench', 'content-type': 'application/json' };
const postBody = JSON.stringify({ email: 'bench@example.com', firstName: 'Bench' });
const getPayload = await (await fetch(`${mock.url}/v1/people`, { headers })).text();
const postPayload = await (
  await fetch(`${mock.url}/v1/people`, { method: 'POST', headers, body: postBody })
).text();

const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const payload = req.method === 'POST' ? postPayload : getPayload;
    res.writeHead(req.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

/** Mean milliseconds per sequential call over one keep-alive connection pool. */
async function perCall(base: string, method: 'GET' | 'POST', path = '/v1/people'): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const response = await fetch(
      `${base}${path}`,
      method === 'POST' ? { method, headers, body: postBody } : { headers },
    );
    await response.arrayBuffer();
  }
  return (performance.now() - t) / CALLS;
}

const tasks = {
  'mock GET /v1/people': () => perCall(mock.url, 'GET'),
  'bare node:http GET': () => perCall(bareUrl, 'GET'),
  'mock POST /v1/people (validated)': () => perCall(mock.url, 'POST'),
  'bare node:http POST': () => perCall(bareUrl, 'POST'),
  ...Object.fromEntries(
    PAGED_PATHS.map((path) => [
      `mock GET ${path} (pagedItems ${PAGED_ITEMS.toLocaleString('en')})`,
      () => perCall(paged.url, 'GET', path),
    ]),
  ),
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
for (const task of Object.values(tasks)) await task(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, task] of Object.entries(tasks)) samples[name]?.push(await task());
}
mock.clearRequests();
await Promise.all([mock.close(), paged.close()]);
await new Promise((resolve) => bare.close(resolve));

const ms = (name: string) => median(samples[name] ?? []);
const getOverhead = ms('mock GET /v1/people') - ms('bare node:http GET');
const postOverhead = ms('mock POST /v1/people (validated)') - ms('bare node:http POST');
const [pagedFirst, pagedDeep] = Object.keys(tasks)
  .filter((name) => name.includes('pagedItems'))
  .map(ms) as [number, number];
const rows = Object.keys(tasks).map((name) => `| ${name} | ${ms(name).toFixed(3)} |`);
const verdict = (overhead: number) =>
  `${overhead.toFixed(3)} ms (goal ≤ ${GOAL_OVERHEAD_MS} ms: ${overhead <= GOAL_OVERHEAD_MS ? 'met' : 'NOT met'})`;
const section = `<!-- bench:mock-server:start -->
## Mock server

Command: \`npx pnpm@12.4.2 --filter @replykit/mock-server bench\` (${ROUNDS} interleaved rounds of ${CALLS} sequential keep-alive \`fetch\` calls after one warm-up round, median of the round means).
Machine: ${os.cpus().length} CPUs, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average at start ${loadAtStart.toFixed(1)}.

Startup on the curated spec (${mock.operations.length} operations): median ${median(startups).toFixed(0)} ms compiling every schema, ${median(warmStartups).toFixed(1)} ms when another server already compiled the same spec file (${startups.length} starts each).

| request | median ms per call |
|---|---:|
${rows.join('\n')}

Overhead of the mock over a bare node:http server answering the same bytes: GET ${verdict(getOverhead)}, POST with body validation ${verdict(postOverhead)}.
Paging builds only the page asked for: page 5,000 of ${PAGED_ITEMS.toLocaleString('en')} items costs ${(pagedDeep / pagedFirst).toFixed(2)}× page 1 (both 100 contacts).
<!-- bench:mock-server:end -->`;

const current = readFileSync(benchmarksFile, 'utf8');
const pattern = /<!-- bench:mock-server:start -->[\s\S]*?<!-- bench:mock-server:end -->/;
writeFileSync(
  benchmarksFile,
  pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
);
console.log(
  `bench: mock-server startup ${median(startups).toFixed(0)} ms cold / ${median(warmStartups).toFixed(1)} ms warm, overhead GET ${getOverhead.toFixed(3)} ms / POST ${postOverhead.toFixed(3)} ms per call; BENCHMARKS.md updated in ${Math.round(performance.now() - started)} ms`,
);
