import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Vitest runs one worker fewer than the cores by default, one on a 2-core CI machine, which sat half idle
    // while the unit tests took 3.5 minutes. Each file is CPU-bound and isolated: one per core.
    maxWorkers: availableParallelism(),
  },
});
