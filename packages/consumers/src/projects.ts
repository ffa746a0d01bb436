import type { TsKind } from './packages.js';

/** The compiler options every TypeScript consumer project uses, on top of its module pair. */
export const STRICT_OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  types: ['node'],
} as const;

/** Each TypeScript project kind: its folder's `type` and its `module` / `moduleResolution`. */
export const TS_KINDS: Record<
  TsKind,
  { type: 'module' | 'commonjs'; module: string; moduleResolution: string }
> = {
  nodenext: { type: 'module', module: 'nodenext', moduleResolution: 'nodenext' },
  node10: { type: 'commonjs', module: 'commonjs', moduleResolution: 'node10' },
  bundler: { type: 'module', module: 'preserve', moduleResolution: 'bundler' },
};

export function tsconfigFor(kind: TsKind, files: string[]): string {
  const { module, moduleResolution } = TS_KINDS[kind];
  return `${JSON.stringify({ compilerOptions: { ...STRICT_OPTIONS, module, moduleResolution }, files }, null, 2)}\n`;
}

/** The ```ts samples of a markdown file, in order. Samples that only document a shape (`interface X {`) are skipped. */
export function typescriptSamples(markdown: string): string[] {
  const samples: string[] = [];
  for (const match of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const code = match[1] ?? '';
    const firstLine =
      code.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('//')) ?? '';
    if (/^(export\s+)?interface\s/.test(firstLine)) continue;
    samples.push(code);
  }
  return samples;
}

/**
 * One module from a README's samples: their imports hoisted (they are at module level in the README), each
 * sample's other lines in its own block inside an async function, so that samples may reuse names and await.
 * Samples importing a package outside `installed` (e.g. `vitest/node`) are left out.
 */
export function samplesModule(
  samples: string[],
  prelude: string,
  installed: (specifier: string) => boolean,
): string {
  const imports: string[] = [];
  const blocks: string[] = [];
  for (const [i, sample] of samples.entries()) {
    const lines = sample.split('\n');
    const sampleImports = lines.filter((line) => /^import\s/.test(line));
    const specifiers = sampleImports.map((line) => /from\s+'([^']+)'/.exec(line)?.[1] ?? '');
    if (specifiers.some((s) => !s.startsWith('node:') && !installed(s))) continue;
    imports.push(...sampleImports);
    const rest = lines.filter((line) => !/^import\s/.test(line)).map((line) => `    ${line}`);
    // `export` is legal at module level only: inside the block the declaration is kept, unexported.
    blocks.push(
      `  // sample ${i + 1}\n  {\n${rest.join('\n').replace(/^ {4}export (default )?/gm, '    ')}\n  }`,
    );
  }
  return `${mergeImports(imports).join('\n')}\n${prelude}\n\nexport async function samples(): Promise<void> {\n${blocks.join('\n')}\n}\n`;
}

/** One import per module: samples import the same names again, which would be duplicate identifiers. */
function mergeImports(imports: string[]): string[] {
  const names = new Map<string, Set<string>>();
  const other: string[] = [];
  for (const line of imports) {
    const match = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';?$/.exec(line.trim());
    if (!match) {
      if (!other.includes(line)) other.push(line);
      continue;
    }
    const [, typeOnly, list = '', from = ''] = match;
    const set = names.get(from) ?? new Set<string>();
    for (const name of list
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      set.add(typeOnly && !name.startsWith('type ') ? `type ${name}` : name);
    }
    names.set(from, set);
  }
  const merged = [...names].map(([from, set]) => {
    const values = new Set([...set].filter((n) => !n.startsWith('type ')));
    const list = [...set].filter((n) => !(n.startsWith('type ') && values.has(n.slice(5))));
    return `import { ${list.join(', ')} } from '${from}';`;
  });
  return [...other, ...merged];
}
