import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generation spawns `redocly bundle` and `redocly lint`, a few seconds each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
