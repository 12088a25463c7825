import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const DIR = 'tests/unit';
/**
 * A file that mocks modules, stubs globals or the environment, fakes timers, or asks for a DOM environment
 * changes what the modules it imports see: it runs isolated, in a module graph of its own.
 */
const CHANGES_ITS_WORLD = /vi\.(mock|doMock|stubGlobal|stubEnv|spyOn|useFakeTimers)|@vitest-environment|globalThis\.\w+\s*=[^=]|process\.env\.\w+\s*=[^=]/;
const files = readdirSync(DIR).filter((f) => f.endsWith('.test.ts'));
const isolated = files.filter((f) => CHANGES_ITS_WORLD.test(readFileSync(join(DIR, f), 'utf8'))).map((f) => `${DIR}/${f}`);

export default defineConfig({
  test: {
    environment: 'node',
    // Vitest runs one worker fewer than the cores by default, one on a 2-core CI machine, which sat half idle
    // while the unit tests took 3.5 minutes. Each file is CPU-bound: one per core.
    maxWorkers: availableParallelism(),
    // A timeout only turns a hang into a failure (tests assert results, never times): 5 s, vitest's default, failed
    // a 3 s test on a loaded 2-core machine.
    testTimeout: 30_000,
    projects: [
      // The rest share their worker's modules: importing the scrubber, NER and phone data once per worker, not
      // once per file, was most of the unit run's time (imports 120 s of 147 s with every file isolated).
      { extends: true, test: { name: 'shared', include: [`${DIR}/**/*.test.ts`], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated.length ? isolated : ['no-such-file'] } },
    ],
  },
});
