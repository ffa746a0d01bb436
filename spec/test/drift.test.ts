// Drift: the committed generated files are exactly what the pipeline makes of the committed inputs, and the
// curated spec lints clean (0 errors, 0 warnings) with spec/redocly.yaml.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_PATH, RAW_SPEC_PATH, renderRawSpec } from '../../scripts/src/convert-collection.js';
import { lintSpec } from '../../scripts/src/lint-spec.js';
import { curateScript, runStage, type StageRun } from './stage.js';

const outputDir = fileURLToPath(new URL('../test-output/drift', import.meta.url));
const committedSpec = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const redoclyConfig = fileURLToPath(new URL('../redocly.yaml', import.meta.url));

const curateInto = (name: string): StageRun => {
  const raw = join(outputDir, 'openapi.raw.yaml');
  return runStage(curateScript, ['--raw', raw, '--config', redoclyConfig, '--out', join(outputDir, name)]);
};

describe('generated files are up to date', () => {
  let first: StageRun;
  let second: StageRun;

  beforeAll(() => {
    rmSync(outputDir, { recursive: true, force: true });
    mkdirSync(outputDir, { recursive: true });
    // A fresh raw spec from the committed collection, so the whole chain is checked, not just the last stage.
    const { text } = renderRawSpec(
      readFileSync(COLLECTION_PATH, 'utf8'),
      'spec/postman/reply-api.postman_collection.json',
    );
    writeFileSync(join(outputDir, 'openapi.raw.yaml'), text);
    first = curateInto('first.openapi.yaml');
    second = curateInto('second.openapi.yaml');
  });

  it('the committed raw spec is what the converter makes of the committed collection', () => {
    expect(readFileSync(join(outputDir, 'openapi.raw.yaml'), 'utf8')).toBe(
      readFileSync(RAW_SPEC_PATH, 'utf8'),
    );
  });

  it('a fresh curation equals the committed spec/openapi.yaml byte for byte (run pnpm generate)', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(readFileSync(join(outputDir, 'first.openapi.yaml'), 'utf8')).toBe(
      readFileSync(committedSpec, 'utf8'),
    );
  });

  it('generation is deterministic: two runs give identical bytes', () => {
    expect(second.status, second.stderr).toBe(0);
    expect(readFileSync(join(outputDir, 'second.openapi.yaml'), 'utf8')).toBe(
      readFileSync(join(outputDir, 'first.openapi.yaml'), 'utf8'),
    );
  });

  it('the committed spec lints with 0 errors and 0 warnings', () => {
    const result = lintSpec(committedSpec, redoclyConfig);
    expect(result.problems).toEqual([]);
    expect([result.errors, result.warnings]).toEqual([0, 0]);
  });
});
