// @vitest-environment happy-dom
// A target's name and text as the page sends them: read from the page in pieces, each piece scrubbed as the
// dom_tree scrubs its node, the joined text scrubbed too, and only then cut. Each case here leaked before:
// the name was joined and cut to 200 raw, then scrubbed.
import { beforeEach, describe, expect, it } from 'vitest';
import { accessibleNameParts, visibleTextParts } from '../../src/content/element-semantics';
import { joinText, scrubPieces } from '../../src/core/scrub/pieces';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { RAW_TEXT_BUDGET } from '../../src/core/scrub/cut';

/** The page's scrubber: the shipped config with NER. */
const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
const TOKEN = 'ghp_Zq8RkT2vLm9XwN4pYs7HjC3bQx1Ae5Uo6Ii0';
const LABEL_190 = 'Rotate the deploy key for the staging cluster before Friday and tell the on-call team. '.repeat(3).slice(0, 190);

/** The target's name and text as the draft carries them. */
function sent(html: string, selector = 'button'): { name: string; text: string } {
  document.body.innerHTML = html;
  const el = document.querySelector(selector)!;
  return { name: scrubPieces(accessibleNameParts(el), scrubber, 200), text: scrubPieces(visibleTextParts(el), scrubber, 200) };
}

/** The digits of a planted number, in any grouping, are gone. */
const digitsOf = (s: string): string => s.replace(/\D/g, '');

beforeEach(() => { document.body.innerHTML = ''; });

describe('target name and text: scrubbed in pieces and whole, cut after', () => {
  it.each([
    ['a card in its own <b> beside "Row 7"', '<button>Row 7 <b>5555 5555 5555 4444</b></button>', '5555555555554444'],
    ['a card glued to a word ("ID")', '<button>ID<b>4111111111111111</b></button>', '4111111111111111'],
    ['a card glued to a word ("Ref")', '<button>Ref<b>4111 1111 1111 1111</b></button>', '4111111111111111'],
    ['a card after an order number', '<button>Order 12<b>4111 1111 1111 1111</b></button>', '4111111111111111'],
  ])('%s', (_name, html, digits) => {
    const { name, text } = sent(html);
    expect(digitsOf(name)).not.toContain(digits.slice(4));
    expect(digitsOf(text)).not.toContain(digits.slice(4));
    expect(name).toMatch(/<REDACTED>|<CARD>/);
  });

  it('an IBAN split across two pieces is redacted whole, not only the piece that reads as a number', () => {
    const { name } = sent('<button>DE89 3704<b>0044 0532 0130 00</b></button>');
    expect(name).not.toMatch(/DE89|3704|0532/);
  });

  it.each([
    ['<button>Pay with 4111 1111 <b>1111 1111</b></button>'],
    ['<button>Pay with 4111 1111\n  <b> 1111 1111</b></button>'],
  ])('a card split across pieces is found in the joined text: %s', (html) => {
    const { name } = sent(html);
    expect(digitsOf(name)).not.toContain('41111111');
    expect(name).toMatch(/^Pay with /);
  });

  it('a GitHub token past the 200th character is redacted before the cut, not cut in half', () => {
    const html = `<button>${LABEL_190} ${TOKEN} now</button>`;
    const { name, text } = sent(html);
    for (const out of [name, text]) {
      expect(out.length).toBeLessThanOrEqual(200);
      expect(out).not.toContain('ghp_');
      expect(out).not.toContain(TOKEN.slice(4, 12));
      expect(out).toMatch(/…$/);
    }
  });

  it('the same from a field\'s label, from aria-label and from aria-labelledby', () => {
    expect(sent(`<label for="f">${LABEL_190} ${TOKEN}</label><input id="f">`, 'input').name).not.toContain('ghp_');
    expect(sent(`<button aria-label="${LABEL_190} ${TOKEN}">x</button>`).name).not.toContain('ghp_');
    expect(sent(`<span id="a">${LABEL_190}</span><span id="b">${TOKEN}</span><button aria-labelledby="a b">x</button>`).name).not.toContain('ghp_');
  });

  it('a cut never leaves half a placeholder', () => {
    const { name } = sent(`<button>${'x'.repeat(195)} ${TOKEN}</button>`);
    expect(name).not.toMatch(/<[A-Z_:]*…$/);
    expect(name.endsWith('…')).toBe(true);
  });

  it('plain names come through as before', () => {
    expect(sent('<button>Add <b>to</b> cart</button>')).toEqual({ name: 'Add to cart', text: 'Add to cart' });
    expect(sent('<label>Email <input id="e"></label>', 'input').name).toBe('Email');
    expect(sent('<button><img alt="Search"></button>').name).toBe('Search');
    expect(sent('<button>Go<script>var secret = 1</script></button>').text).toBe('Go');
  });

  it('the page reads a bounded amount of raw text, and never stops inside a word', () => {
    document.body.innerHTML = `<div>${'word '.repeat(1000)}${TOKEN}</div>`;
    const parts = visibleTextParts(document.querySelector('div')!);
    const raw = joinText(parts);
    expect(raw.length).toBeLessThanOrEqual(RAW_TEXT_BUDGET);
    expect(raw.endsWith('word')).toBe(true);
    document.body.innerHTML = `<div>${'a'.repeat(RAW_TEXT_BUDGET - 10)} ${TOKEN}</div>`;
    expect(joinText(visibleTextParts(document.querySelector('div')!))).not.toContain('ghp_');
  });
});
