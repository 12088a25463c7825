// The page-side scrubber: the config in force (see platform/config-in-force)
// with NER, so raw page text is scrubbed before it leaves the page.
import { configInForce } from '../platform/config-in-force';
import { createScrubber, type Scrubber } from '../core/scrub/scrubber';
import { defaultEntityRecognizer } from '../core/scrub/cued-entities';

const ner = defaultEntityRecognizer();

export async function loadScrubber(): Promise<Scrubber> {
  return createScrubber(await configInForce(), ner);
}
