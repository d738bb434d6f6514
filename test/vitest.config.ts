import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { failsim: fileURLToPath(new URL('../src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    // Two files at once on the 2-core machines: most of the suite waits on child processes (the built
    // binary), which leaves the second core idle with one worker (453 s against 398 s, measured).
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});
