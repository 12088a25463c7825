// A scrubber config from a file, and the scrubber it makes, for the commands that scrub (scrub, pack --config).
import { readFile } from 'node:fs/promises';
import { parseScrubConfig, formatConfigErrors, type ScrubConfig } from '../core/scrub/config';
import type { Scrubber } from '../core/scrub/scrubber';
import { UsageError } from './usage-error';

/** The config and its text (whose hash the export records); an unreadable or invalid file is a usage error. */
export async function readScrubConfig(file: string): Promise<{ config: ScrubConfig; text: string }> {
  const text = await readFile(file, 'utf8').catch(() => { throw new UsageError(`cannot read config ${file}`); });
  const parsed = parseScrubConfig(text);
  if (!parsed.ok) throw new UsageError(`${file} is invalid:\n${formatConfigErrors(parsed.errors)}`);
  return { config: parsed.config, text };
}

/**
 * The scrubber and its NER, loaded only by the commands that scrub: the
 * name lexicon, compromise and the date parsers cost ~50 MB and a moment to
 * load, which validate, stats, format and pack without --config do not need.
 */
export async function loadScrubber(config: ScrubConfig): Promise<Scrubber> {
  const [{ createScrubber }, { defaultEntityRecognizer }] = await Promise.all([import('../core/scrub/scrubber'), import('../core/scrub/cued-entities')]);
  return createScrubber(config, defaultEntityRecognizer());
}
