// The scrubber a page runs (content/redactor-loader: the default config, with NER), for unit tests that compare what
// the worker scrubs with what a page sent already scrubbed.
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';

export const pageScrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
