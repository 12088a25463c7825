// background/scrubber-state for unit tests: the default config with the given site lists, and its scrubber.
// Used from a vi.mock factory: `vi.mock('…/scrubber-state', async () => (await import('./fake-scrubber-state')).scrubberStateWith(SITES))`.
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import type { ScrubConfig } from '../../src/core/scrub/config';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';

export function scrubberStateWith(sites: Partial<ScrubConfig['sites']>) {
  const config = { ...defaultConfig(), sites: { ...defaultConfig().sites, ...sites } };
  return {
    activeConfig: () => Promise.resolve({ config, hash: 'h' }),
    activeScrubber: () => Promise.resolve(createScrubber(config, null)),
    fullScrubber: () => Promise.resolve(createScrubber(config, defaultEntityRecognizer())),
  };
}
