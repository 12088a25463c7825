// The scrubber config in force, as content scripts read it: from storage.local,
// where the worker publishes it when a recording starts or the config is saved,
// so a page needs no answer from the worker to start recording. Only when it is
// missing (an install older than this) is the worker asked.
import browser from 'webextension-polyfill';
import type { ScrubConfig } from '../core/scrub/config';
import { ask } from './messaging';

const KEY = 'scrubConfigInForce';

export async function configInForce(): Promise<ScrubConfig> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as ScrubConfig | undefined;
  return stored ?? (await ask<'config/get'>({ kind: 'config/get' })).config;
}
