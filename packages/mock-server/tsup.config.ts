import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts starts with a hashbang, which esbuild keeps, so dist/cli.js is directly executable.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  // `import.meta.url` locates the default spec in the CJS build too.
  shims: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
