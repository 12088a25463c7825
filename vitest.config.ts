import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Vitest runs one worker fewer than the cores by default, one on a 2-core CI machine, which sat half idle
    // while the unit tests took 3.5 minutes. Each file is CPU-bound and isolated: one per core.
    maxWorkers: availableParallelism(),
    // A timeout only turns a hang into a failure (tests assert results, never times): 5 s, vitest's default, failed
    // a 3 s test on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
