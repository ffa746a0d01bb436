#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ReplyMockConfigError } from './errors.js';
import type { FaultOptions } from './faults.js';
import { startMockServer } from './server.js';

const HELP = `Usage: replykit-mock [options]

Serves the Reply API from the curated spec's examples on a local port, with optional faults.

Options:
  --port <n>            port (default 4010; 0 picks a free one)
  --host <addr>         interface (default 127.0.0.1)
  --spec <file>         OpenAPI 3.1 JSON/YAML file (default: the spec from @replykit/types)
  --seed <n|text>       PRNG seed for random faults (default 1)
  --rate-429 <0..1>     share of requests answered 429 with Retry-After
  --rate-5xx <0..1>     share of requests answered 500/502/503
  --statuses-5xx <list> statuses --rate-5xx picks from, e.g. 503 or 500,502 (default 500,502,503)
  --rate-reset <0..1>   share of requests whose connection is reset
  --hang-rate <0..1>    share of requests that never get a response
  --delay-ms <n>        delay before every response
  --retry-after <s>     Retry-After seconds for 429 and 503 (default 1)
  --retry-after-format <seconds|http-date>  how Retry-After is written (default seconds)
  --record-limit <n>    keep the last n requests for /__mock/requests (default 10000)
  --enforce-throttle    429 when an x-reply-throttle-seconds operation is called again too soon
  --paged-items <n>     page-envelope operations (GET /v1/people, ...) hold n items, paged by page/limit
  --log                 print one line per request
  --help                show this help
`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  spec: { type: 'string' },
  seed: { type: 'string' },
  'rate-429': { type: 'string' },
  'rate-5xx': { type: 'string' },
  'statuses-5xx': { type: 'string' },
  'rate-reset': { type: 'string' },
  'hang-rate': { type: 'string' },
  'delay-ms': { type: 'string' },
  'retry-after': { type: 'string' },
  'retry-after-format': { type: 'string' },
  'record-limit': { type: 'string' },
  'enforce-throttle': { type: 'boolean' },
  'paged-items': { type: 'string' },
  log: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function number(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
    throw new ReplyMockConfigError(
      `--${flag} must be ${integer ? 'an integer' : 'a number'} (got ${JSON.stringify(value)})`,
    );
  }
  return parsed;
}

async function main(argv: string[]): Promise<void> {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ReplyMockConfigError(String((error as Error).message).split('\n')[0] as string);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const faults: FaultOptions = {};
  const set = <K extends keyof FaultOptions>(key: K, value: FaultOptions[K] | undefined) => {
    if (value !== undefined) faults[key] = value;
  };
  set('rate429', number('rate-429', values['rate-429'], false));
  set('rate5xx', number('rate-5xx', values['rate-5xx'], false));
  set('rateReset', number('rate-reset', values['rate-reset'], false));
  set('hangRate', number('hang-rate', values['hang-rate'], false));
  set('delayMs', number('delay-ms', values['delay-ms'], true));
  set('retryAfterSeconds', number('retry-after', values['retry-after'], true));
  set('retryAfterFormat', values['retry-after-format'] as FaultOptions['retryAfterFormat']);
  if (values.seed !== undefined) set('seed', /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed);
  if (values['statuses-5xx'] !== undefined) {
    set(
      'statuses5xx',
      values['statuses-5xx']
        .split(',')
        .map((part) => number('statuses-5xx', part, true)) as FaultOptions['statuses5xx'],
    );
  }
  const server = await startMockServer({
    port: number('port', values.port, true) ?? 4010,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
    faults,
    enforceThrottle: values['enforce-throttle'] === true,
    recordLimit: number('record-limit', values['record-limit'], true) ?? 10_000,
    ...(values['paged-items'] !== undefined
      ? { pagedItems: number('paged-items', values['paged-items'], true) as number }
      : {}),
    ...(values.log
      ? {
          onRequest: (request) => {
            const outcome =
              request.fault !== undefined ? `fault ${request.fault}` : String(request.status ?? '-');
            process.stdout.write(
              `${request.method} ${request.path} -> ${outcome} ${request.operationId ?? '(no operation)'} ${request.durationMs ?? 0}ms\n`,
            );
          },
        }
      : {}),
  });
  process.stdout.write(
    `replykit-mock listening on ${server.url} (${server.operations.length} operations from ${server.specLocation})\n`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof ReplyMockConfigError ? error.message : String(error);
  process.stderr.write(`replykit-mock: ${message}\n`);
  process.exit(2);
});
