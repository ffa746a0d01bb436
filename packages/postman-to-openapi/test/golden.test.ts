import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, toYaml } from '../src/index.js';
import { corpusEntries } from './helpers.js';

/**
 * Golden files: every corpus collection's expected OpenAPI (and warnings, when there are any) is committed
 * under test/golden/<set>/<name>/. `UPDATE_GOLDEN=1 pnpm test` rewrites them; review the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden outputs', () => {
  const entries = corpusEntries();

  it('covers the whole corpus', () => {
    expect(entries.length).toBeGreaterThanOrEqual(70);
  });

  for (const entry of entries) {
    it(`${entry.set}/${entry.name}`, () => {
      const text = readFileSync(entry.file, 'utf8');
      const { document, warnings } = convert(text, { source: `${entry.set}/${entry.name}` });
      const yaml = toYaml(document);
      const warningsJson = `${JSON.stringify(warnings, null, 2)}\n`;
      const yamlPath = join(entry.goldenDir, 'expected.openapi.yaml');
      const warningsPath = join(entry.goldenDir, 'expected.warnings.json');
      if (update) {
        mkdirSync(entry.goldenDir, { recursive: true });
        writeFileSync(yamlPath, yaml);
        if (warnings.length > 0) writeFileSync(warningsPath, warningsJson);
        else rmSync(warningsPath, { force: true });
      }
      expect(yaml).toBe(readFileSync(yamlPath, 'utf8'));
      if (warnings.length > 0) expect(warningsJson).toBe(readFileSync(warningsPath, 'utf8'));
      else expect(existsSync(warningsPath)).toBe(false);
      // Same input, byte-identical output: a second conversion of a fresh parse gives the same text.
      expect(toYaml(convert(JSON.parse(text)).document)).toBe(yaml);
    });
  }
});
