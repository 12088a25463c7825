// Cards listed one after another with only a space between them: a run of 4-digit groups that is two or three
// cards, each window passing Luhn. cardStandsAlone took any run longer than one card for a longer number (a serial
// in 4-digit groups) and kept every card of the list whole; a comma between them was needed.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../../src/core/scrub/scrubber';
import { defaultConfig } from '../../../src/core/scrub/default-config';

const scrubber = createScrubber(defaultConfig(), null);

describe('cards in one run of 4-digit groups', () => {
  it.each([
    ['two cards', 'Cards 4111 1111 1111 1111 5500 0055 5555 5559 on file', 'Cards <REDACTED> <REDACTED> on file'],
    ['three cards', '4111 1111 1111 1111 5500 0055 5555 5559 6011 1111 1111 1117', '<REDACTED> <REDACTED> <REDACTED>'],
  ])('%s: each is redacted', (_name, text, out) => {
    expect(scrubber.redact(text).text).toBe(out);
  });

  it.each([
    ['a serial number in 4-digit groups', 'Serial 1234 5678 9012 3456 7890 1234 5678 9012'],
    ['a card with a group after it', 'Ref 4111 1111 1111 1111 1234'],
    ['two cards with a short group after them', 'Ref 4111 1111 1111 1111 5500 0055 5555 5559 12'],
  ])('%s: one number, kept', (_name, text) => {
    expect(scrubber.redact(text).text).toBe(text);
  });
});
