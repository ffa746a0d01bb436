import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Chromium's first start on 2 shared cores can take several seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
