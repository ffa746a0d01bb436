import { defineConfig } from 'tsup';

// Types only: the JavaScript entry points are empty modules, the declarations are the product.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
});
