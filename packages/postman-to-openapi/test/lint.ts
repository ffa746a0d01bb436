import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, createConfig, lintFromString } from '@redocly/openapi-core';
import { packageRoot } from './helpers.js';

process.env.REDOCLY_TELEMETRY = 'off';

let config: Promise<Config> | undefined;

/** The structure-and-correctness lint config of test/redocly.yaml (no style rules). */
export function lintConfig(): Promise<Config> {
  const path = join(packageRoot, 'test/redocly.yaml');
  config ??= createConfig(readFileSync(path, 'utf8'), { configPath: path });
  return config;
}

export interface LintProblem {
  rule: string;
  message: string;
  pointer: string;
}

/** Lint OpenAPI text (YAML or JSON) and return its errors. */
export async function lintErrors(source: string, ref: string): Promise<LintProblem[]> {
  const problems = await lintFromString({ source, absoluteRef: ref, config: await lintConfig() });
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => ({
      rule: problem.ruleId,
      message: problem.message,
      pointer: problem.location[0]?.pointer ?? '',
    }));
}
