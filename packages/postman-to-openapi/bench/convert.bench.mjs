// Conversion speed of @replykit/postman-to-openapi next to the converters people use today, same process,
// same input text. Rewrites the converter section of BENCHMARKS.md. Run with `pnpm bench` (builds first).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert, toYaml } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const corpus = resolve(here, '../test/fixtures/corpus');
const require = createRequire(import.meta.url);

const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
/** The YAML row is ours end to end, not a competitor: measured in its own, shorter phase (see below). */
const YAML_ROUNDS = Number(process.env.BENCH_YAML_ROUNDS ?? 7);

/** Collections above 100 kB in the converter corpus (test/fixtures/corpus), plus the Reply collection. fastly and twitter-api are the goal. */
const collections = [
  ['fastly', join(corpus, 'real-world/fastly.postman.json')],
  ['twitter-api', join(corpus, 'real-world/twitter-api.postman.json')],
  ['echo', join(corpus, 'real-world/echo.postman.json')],
  ['reply-api', join(repoRoot, 'spec/postman/reply-api.postman_collection.json')],
];

function version(name) {
  return JSON.parse(readFileSync(join(here, '../node_modules', name, 'package.json'), 'utf8')).version;
}

// Each peer is loaded the way its README shows; a peer that cannot load is reported, not hidden.
async function loadPeers() {
  const peers = [];
  try {
    const p2o2 = require('postman2openapi');
    peers.push({
      name: `postman2openapi ${version('postman2openapi')}`,
      run: (text) => p2o2.transpile(JSON.parse(text)),
    });
  } catch (error) {
    peers.push({ name: 'postman2openapi', error: `cannot load: ${error.message}` });
  }
  try {
    const scalar = await import('@scalar/postman-to-openapi');
    peers.push({
      name: `@scalar/postman-to-openapi ${version('@scalar/postman-to-openapi')}`,
      run: (text) => scalar.convert(JSON.parse(text)),
    });
  } catch (error) {
    peers.push({ name: '@scalar/postman-to-openapi', error: `cannot load: ${error.message}` });
  }
  try {
    const p2o = require('postman-to-openapi');
    // Takes JSON text and returns serialized text; JSON output is the cheapest it offers.
    peers.push({
      name: `postman-to-openapi ${version('postman-to-openapi')}`,
      run: (text) => p2o(text, null, { outputFormat: 'json' }),
    });
  } catch (error) {
    peers.push({ name: 'postman-to-openapi', error: `cannot load: ${error.message}` });
  }
  return peers;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Wall time and CPU time (user + system of this process, GC threads included) of one run, in ms. */
async function time(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

// Peers log their own failures (with stack traces) to the console; keep the bench output readable.
const quiet = (fn) => async (input) => {
  const { error, warn } = console;
  console.error = console.warn = () => {};
  try {
    return await fn(input);
  } finally {
    Object.assign(console, { error, warn });
  }
};

const ownName = '@replykit/postman-to-openapi';
const yamlName = `${ownName} + YAML text`;

/** A small seeded PRNG (mulberry32): the task order changes every round, and every run of the bench alike. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, next) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/** Runs every task `rounds` times after `warmup` untimed rounds, in a new random order each round. */
async function measure(tasks, text, warmup, rounds, samples, failures) {
  const next = random(0x5eed);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const task of shuffled(tasks, next)) {
      if (failures.has(task.name)) continue;
      try {
        const sample = await time(() => task.run(text));
        if (round >= warmup) samples.get(task.name).push(sample);
      } catch (error) {
        failures.set(
          task.name,
          `throws: ${String(error?.message ?? error)
            .split('\n')[0]
            .slice(0, 100)}`,
        );
      }
    }
  }
}

async function benchCollection(label, file, peers) {
  const text = readFileSync(file, 'utf8');
  const output = convert(JSON.parse(text)).document;
  const tasks = [
    { name: ownName, run: (input) => convert(JSON.parse(input)) },
    {
      name: 'baseline: JSON.parse(input) + JSON.stringify(output)',
      run: (input) => JSON.stringify(JSON.parse(input) && output),
    },
    ...peers.map((peer) => (peer.run ? { ...peer, run: quiet(peer.run) } : peer)),
  ];
  const yamlTask = { name: yamlName, run: (input) => toYaml(convert(JSON.parse(input)).document) };
  const samples = new Map([...tasks, yamlTask].map((task) => [task.name, []]));
  const failures = new Map(tasks.filter((task) => task.error).map((task) => [task.name, task.error]));
  // Interleaved rounds: every task runs once per round, so load changes on the machine hit all of them alike,
  // and the order is shuffled every round, so no task always runs right after the same neighbour (whose
  // garbage it might pay for: CPU time counts the GC threads of the whole process).
  await measure(tasks, text, WARMUP, ROUNDS, samples, failures);
  // YAML serialization leaves ten times more garbage than any converter; run among them, it would bill its
  // GC work to whichever task came next. It is measured after them, on its own.
  await measure([yamlTask], text, 1, YAML_ROUNDS, samples, failures);
  const medians = (name) => ({
    cpu: median(samples.get(name).map((sample) => sample.cpu)),
    wall: median(samples.get(name).map((sample) => sample.wall)),
  });
  const ours = medians(ownName);
  const rows = [tasks[0], yamlTask, ...tasks.slice(1)].map((task) => {
    const failure = failures.get(task.name);
    if (failure) return { name: task.name, median: undefined, note: failure };
    const value = medians(task.name);
    return {
      name: task.name,
      median: value.cpu,
      wall: value.wall,
      ratio: value.cpu / ours.cpu,
      wallRatio: value.wall / ours.wall,
    };
  });
  return { label, bytes: Buffer.byteLength(text), outputBytes: JSON.stringify(output).length, rows };
}

function format(results, command) {
  const lines = [];
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  lines.push(
    `Command: \`${command}\` (builds first; ${ROUNDS} interleaved rounds in a shuffled order after ${WARMUP} warm-up rounds, median per task; the YAML row: ${YAML_ROUNDS} rounds of its own afterwards).`,
  );
  lines.push(
    `Machine: ${nproc} CPUs (\`nproc\`), ${cpu}, Node ${process.version}, load average at start ${os.loadavg()[0].toFixed(1)}.`,
  );
  lines.push(
    'Every task gets the same JSON text and returns a document (`postman-to-openapi` returns JSON text);',
  );
  lines.push(
    'CPU ms = user + system CPU time of the process during the run (GC threads included): the machine is',
  );
  lines.push(
    'shared, so CPU time is the stable measure and the goals are judged on it; wall ms is shown as measured.',
  );
  lines.push('ratio = task median / ours (higher is slower than ours).');
  lines.push('');
  for (const result of results) {
    lines.push(
      `### ${result.label} (${(result.bytes / 1024).toFixed(0)} kB in, ${(result.outputBytes / 1024).toFixed(0)} kB JSON out)`,
    );
    lines.push('');
    lines.push('| converter | median CPU ms | ratio to ours | median wall ms | ratio to ours |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const row of result.rows) {
      if (row.median === undefined) lines.push(`| ${row.name} | — | ${row.note} | — | — |`);
      else
        lines.push(
          `| ${row.name} | ${row.median.toFixed(1)} | ${row.ratio.toFixed(2)}× | ${row.wall.toFixed(1)} | ${row.wallRatio.toFixed(2)}× |`,
        );
    }
    lines.push('');
  }
  return lines.join('\n');
}

function summary(results) {
  const lines = ['Goal check:'];
  for (const result of results) {
    const ours = result.rows[0].median;
    const baseline = result.rows.find((row) => row.name.startsWith('baseline')).median;
    const peers = result.rows.slice(3);
    const slower = peers
      .filter((row) => row.median !== undefined && row.median <= ours)
      .map((row) => row.name);
    lines.push(
      `- ${result.label}: ${(ours / baseline).toFixed(2)}× the CPU time of JSON.parse + JSON.stringify (goal ≤ 3×); ` +
        (slower.length === 0 ? 'faster than every peer that runs.' : `NOT faster than ${slower.join(', ')}.`),
    );
  }
  return lines.join('\n');
}

// BENCH_ONLY=fastly,echo measures a subset and leaves BENCHMARKS.md alone (for profiling work).
const only = process.env.BENCH_ONLY?.split(',');
const peers = await loadPeers();
const results = [];
for (const [label, file] of collections) {
  if (!only || only.includes(label)) results.push(await benchCollection(label, file, peers));
}
const command = 'npx pnpm@12.4.2 --filter @replykit/postman-to-openapi bench';
const section = `${format(results, command)}\n${summary(results)}\n`;
process.stdout.write(`${section}\n`);
if (only) process.exit(0);

const benchmarks = join(repoRoot, 'BENCHMARKS.md');
const current = readFileSync(benchmarks, 'utf8');
const start = '<!-- bench:converter:start -->';
const end = '<!-- bench:converter:end -->';
const from = current.indexOf(start);
const to = current.indexOf(end);
if (from === -1 || to === -1) throw new Error('BENCHMARKS.md has no bench:converter markers');
const notes = readFileSync(join(here, 'notes.md'), 'utf8').trim();
writeFileSync(
  benchmarks,
  `${current.slice(0, from + start.length)}\n## Converter\n\n${section}\n${notes}\n${current.slice(to)}`,
);
