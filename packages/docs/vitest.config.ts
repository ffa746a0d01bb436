import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the docs site once into test-output/site for the page and browser tests.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
