import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Two cores are shared by the whole team: a couple of workers is enough.
    maxWorkers: 2,
  },
});
