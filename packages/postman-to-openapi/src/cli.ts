#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { convert } from './document.js';
import { CollectionError } from './errors.js';
import type { TagNaming } from './folder.js';
import { toJson, toYaml } from './serialize.js';

const USAGE = `Usage: postman-to-openapi <collection.json | -> [-o out.yaml|out.json] [--strict] [--tags leaf|chain]

Converts a Postman collection (v2.0.0 / v2.1.0) to OpenAPI 3.1. Writes YAML to stdout unless -o names a file
(.json → JSON, anything else → YAML). Warnings go to stderr, one per line.

  -o, --output <file>  write the document to <file> (nothing is written when conversion fails)
      --strict         exit 1 (and write nothing) when there are warnings
      --tags <naming>  tag names of nested folders: leaf (default) or chain ("Parent > Child")
  -h, --help           show this help

Exit codes: 0 converted, 1 warnings with --strict, 2 bad input or usage.`;

class UsageError extends Error {}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CollectionError('file-not-found', file, 'no such file');
    if (code === 'EISDIR')
      throw new CollectionError('file-not-found', file, 'is a directory, not a collection file');
    throw new CollectionError('file-not-found', file, `cannot read (${code ?? 'unknown error'})`);
  }
}

/** Write via a temporary file and rename, so a failed write never leaves half a document behind. */
function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        strict: { type: 'boolean', default: false },
        tags: { type: 'string', default: 'leaf' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('expected exactly one collection file (or - for stdin)');
  const tags = values.tags;
  if (tags !== 'leaf' && tags !== 'chain')
    throw new UsageError(`--tags must be leaf or chain, got "${tags}"`);
  const file = positionals[0] as string;
  const source = file === '-' ? '<stdin>' : file;
  const { document, warnings } = convert(readInput(file) as unknown, {
    source,
    tagNaming: tags as TagNaming,
  });
  // convert() accepts JSON text and parses it itself, naming the source in errors.
  for (const warning of warnings) {
    process.stderr.write(`warning ${warning.code} at ${warning.location}: ${warning.message}\n`);
  }
  if (values.strict && warnings.length > 0) {
    process.stderr.write(
      `postman-to-openapi: ${warnings.length} warning(s) with --strict; nothing written\n`,
    );
    return 1;
  }
  const output = values.output as string | undefined;
  const text = output?.toLowerCase().endsWith('.json') ? toJson(document) : toYaml(document);
  if (output === undefined) process.stdout.write(text);
  else writeAtomically(output, text);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CollectionError) {
    process.stderr.write(`postman-to-openapi: error: ${error.message}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`postman-to-openapi: ${error.message} (see --help)\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`postman-to-openapi: internal error: ${message.split('\n')[0]}\n`);
  }
  process.exitCode = 2;
}
