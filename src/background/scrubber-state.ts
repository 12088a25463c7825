// The scrubber config in force: the last config that validated, kept in
// storage.local (so content scripts read it too), or the shipped default.
//
// The scrubber's modules (NER with compromise and the name lexicon, the phone, date and secret finders) are
// imported at first use, not with the worker: evaluated at each worker start they made every wake answer its
// first message about 180 ms later (Chromium: 277-280 ms against 93-102 ms, docs/benchmarks.md, worker-wake). A service worker may not call import()
// (HTML spec), so the build bundles the worker into one file, where these imports become functions run at first
// call (vite.config.ts, workerOneFile); tests/unit/startup-imports keeps them out of the entry's static imports.
import { localStore, onLocalChange } from '../platform/stores';
import type { Reply } from '../core/messages';
import { configHash as hashText, parseScrubConfig, type ScrubConfig } from '../core/scrub/config';
import { DEFAULT_CONFIG_TEXT, defaultConfig } from '../core/scrub/default-config';
import type { Scrubber } from '../core/scrub/scrubber';

const TEXT_KEY = 'scrubConfigText';
const CONFIG_KEY = 'scrubConfig';
/** Read by content scripts: see platform/config-in-force. */
const IN_FORCE_KEY = 'scrubConfigInForce';

let cached: { text: string; scrubber: Scrubber } | null = null;

export interface ActiveConfig { text: string; config: ScrubConfig; isDefault: boolean; hash: string }

/**
 * Read once, then kept until it changes (from any context: storage.onChanged), not read from storage per step
 * and per frame. A worker restart reads it again.
 */
let memo: Promise<ActiveConfig> | null = null;
let stopWatching: (() => void) | null = null;

async function readConfig(): Promise<ActiveConfig> {
  const got = await localStore().get([TEXT_KEY, CONFIG_KEY]);
  const text = got[TEXT_KEY] as string | undefined;
  const config = got[CONFIG_KEY] as ScrubConfig | undefined;
  if (text && config) return { text, config, isDefault: false, hash: hashText(text) };
  return { text: DEFAULT_CONFIG_TEXT, config: defaultConfig(), isDefault: true, hash: hashText(DEFAULT_CONFIG_TEXT) };
}

export function activeConfig(): Promise<ActiveConfig> {
  stopWatching ??= onLocalChange([TEXT_KEY, CONFIG_KEY], () => { memo = null; });
  memo ??= readConfig().catch((error: unknown) => {
    memo = null;
    throw error;
  });
  return memo;
}

/**
 * The config in force, copied where content scripts read it without asking the worker (a page that loads
 * while the worker restarts starts recording at once). Written when a recording starts.
 */
export async function publishConfig(): Promise<void> {
  await localStore().set({ [IN_FORCE_KEY]: (await activeConfig()).config });
}

/** The worker's scrubber (no NER here: page text was already scrubbed with NER in the page). */
export async function activeScrubber(): Promise<Scrubber> {
  const [{ text, config }, { createScrubber }] = await Promise.all([activeConfig(), import('../core/scrub/scrubber')]);
  if (cached?.text !== text) cached = { text, scrubber: createScrubber(config, null) };
  return cached.scrubber;
}

let withNer: { text: string; scrubber: Scrubber } | null = null;

/** The scrubber with NER, for text that reaches the worker unscrubbed: the task instruction a person types. */
export async function fullScrubber(): Promise<Scrubber> {
  const [{ text, config }, { createScrubber }, { defaultEntityRecognizer }] = await Promise.all([
    activeConfig(), import('../core/scrub/scrubber'), import('../core/scrub/cued-entities'),
  ]);
  if (withNer?.text !== text) withNer = { text, scrubber: createScrubber(config, defaultEntityRecognizer()) };
  return withNer.scrubber;
}

/** Validate and store a new config; an invalid one changes nothing. */
export async function saveConfig(text: string): Promise<Reply<'config/save'>> {
  const parsed = parseScrubConfig(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  await localStore().set({ [TEXT_KEY]: text, [CONFIG_KEY]: parsed.config, [IN_FORCE_KEY]: parsed.config });
  memo = null;
  return { ok: true, hash: hashText(text) };
}

export async function configHash(): Promise<string> {
  return (await activeConfig()).hash;
}
