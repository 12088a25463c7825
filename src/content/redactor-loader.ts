// The page-side scrubber: the config in force (from the service worker) with
// NER, so raw page text is scrubbed before it leaves the page.
import { ask } from '../platform/messaging';
import { createScrubber, type Scrubber } from '../core/scrub/scrubber';
import { defaultEntityRecognizer } from '../core/scrub/cued-entities';

const ner = defaultEntityRecognizer();

export async function loadScrubber(): Promise<Scrubber> {
  const { config } = await ask<'config/get'>({ kind: 'config/get' });
  return createScrubber(config, ner);
}
