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

// The same lists joined by dashes or dots: the pattern refused a card with a dash beside it, so such a list was
// kept whole; numbers merely glued to a card by a dash stay numbers.
describe('cards in one run of dashed or dotted groups', () => {
  it.each([
    ['two dashed cards', 'Cards 4111-1111-1111-1111-5500-0055-5555-5559 on file', 'Cards <REDACTED>-<REDACTED> on file'],
    ['two dotted cards', '4111.1111.1111.1111.5500.0055.5555.5559', '<REDACTED>.<REDACTED>'],
    ['three dashed cards', '4111-1111-1111-1111-5500-0055-5555-5559-6011-1111-1111-1117', '<REDACTED>-<REDACTED>-<REDACTED>'],
    ['a dashed card ending a sentence', 'card 4111-1111-1111-1111.', 'card <REDACTED>.'],
  ])('%s: each is redacted', (_name, text, out) => {
    expect(scrubber.redact(text).text).toBe(out);
  });

  it.each([
    ['a serial in dashed 4-digit groups', 'Serial 1234-5678-9012-3456-7890-1234-5678-9012'],
    ['a dashed card with a group after it', 'Ref 4111-1111-1111-1111-1234'],
    ['a longer group before it', 'Ref 12345-4111-1111-1111-1111'],
    ['a year before an ungrouped one', 'Order 2024-4111111111111111'],
    ['a suffix after an ungrouped one', 'Order 4111111111111111-12'],
    ['a date before it', 'Filed 15.03.2024-4111-1111-1111-1111'],
    ['another joint before it', 'Ref 9999.4111-1111-1111-1111'],
  ])('%s: one number, kept', (_name, text) => {
    expect(scrubber.redact(text).text).toBe(text);
  });
});
