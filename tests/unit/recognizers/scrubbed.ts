// What tests/unit/recognisers.test.ts scrubs with (issue 14's recognisers), shared by the finders' tests beside
// them: the shipped config and the shipped entity recogniser, through createScrubber, as the extension and the CLI do.
import { expect } from 'vitest';
import { createScrubber } from '../../../src/core/scrub/scrubber';
import { defaultEntityRecognizer } from '../../../src/core/scrub/cued-entities';
import { defaultConfig } from '../../../src/core/scrub/default-config';

export const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
export const R = '<REDACTED>';

/** `value` must vanish whole from `text`, and `kept` must survive. */
export function expectGone(text: string, value: string, kept: string[] = []): void {
  const out = scrubber.redact(text).text;
  expect(out, `"${value}" survived in ${JSON.stringify(out)}`).not.toContain(value);
  for (const piece of value.split(/[\s,./-]+/).filter((p) => p.length >= 3)) expect(out, `part "${piece}" of "${value}" survived: ${out}`).not.toContain(piece);
  for (const k of kept) expect(out, `"${k}" was removed: ${out}`).toContain(k);
}
export const unchanged = (text: string): void => expect(scrubber.redact(text).text).toBe(text);
