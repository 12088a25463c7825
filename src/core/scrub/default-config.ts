// The shipped default config: the text of config/scrubber.yaml, bundled.
import text from '../../../config/scrubber.yaml?raw';
import { parseScrubConfig, type ScrubConfig } from './config';

export const DEFAULT_CONFIG_TEXT: string = text;

export function defaultConfig(): ScrubConfig {
  const parsed = parseScrubConfig(DEFAULT_CONFIG_TEXT);
  if (!parsed.ok) throw new Error(`the shipped config/scrubber.yaml is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.config;
}
