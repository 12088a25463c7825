// The CLI's scrubber without its NER (the rules the CLI tests check are patterns): quick, and each load is kept in
// `loaded`, so a test sees whether the scrubber loaded at all. A test mocks the loader with it:
// vi.mock('../../src/cli/load-scrubber', (real) => import('./quick-scrubber').then((m) => m.quickLoader(real))).
import { createScrubber, type Scrubber } from '../../src/core/scrub/scrubber';

export const loaded: unknown[] = [];

export async function quickLoader(real: <T>() => Promise<T>): Promise<typeof import('../../src/cli/load-scrubber')> {
  const actual = await real<typeof import('../../src/cli/load-scrubber')>();
  return { ...actual, loadScrubber: (config: Parameters<typeof createScrubber>[0]): Promise<Scrubber> => { loaded.push(config); return Promise.resolve(createScrubber(config, null)); } };
}
