// The page-side scrubber: the config in force (see platform/config-in-force)
// with NER, so raw page text is scrubbed before it leaves the page.
//
// Its modules (NER with compromise and the name lexicon, the phone and secret finders) are imported when a frame
// starts recording, not with the content script: evaluated at document_start they cost every page and frame more
// than 100 ms of main-thread time at each load, recording or not (docs/benchmarks.md, page-load). A page loaded
// while recording pays it once, as its recorder starts; tests/unit/startup-imports keeps them out of the
// entry's static imports.
import type { Scrubber } from '../core/scrub/scrubber';
import type { EntityRecognizer } from '../core/scrub/entities';
import { configInForce } from '../platform/config-in-force';
import { typedPasswords } from './password-memory';

/** One recognizer per frame, whatever the number of Starts: its caches carry over. */
let ner: EntityRecognizer | null = null;

export async function loadScrubber(): Promise<Scrubber> {
  const [{ createScrubber }, { defaultEntityRecognizer }, config] = await Promise.all([
    import('../core/scrub/scrubber'), import('../core/scrub/cued-entities'), configInForce(),
  ]);
  ner ??= defaultEntityRecognizer();
  // The passwords typed here are secrets wherever the page shows them.
  return createScrubber(config, ner, typedPasswords);
}
