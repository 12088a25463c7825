// @vitest-environment happy-dom
// A design system's button keeps its label in the light DOM: the inner
// <button> the pointer hits holds a <slot>. Its name and text are what the
// slot shows (as the accessibility tree reads it), else the slot's fallback.
import { describe, expect, it } from 'vitest';
import { accessibleNameParts, visibleTextParts } from '../../src/content/element-semantics';
import { joinText } from '../../src/core/scrub/pieces';

describe('names through slots', () => {
  it('reads slotted text, and fallback content where nothing is slotted', () => {
    document.body.innerHTML = '<x-button id="h">Save <b>changes</b></x-button><x-button id="empty"></x-button>';
    for (const id of ['h', 'empty']) {
      document.getElementById(id)!.attachShadow({ mode: 'open' }).innerHTML = '<button part="base"><slot>Default label</slot><style>.x{}</style></button>';
    }
    const inner = document.getElementById('h')!.shadowRoot!.querySelector('button')!;
    expect(joinText(accessibleNameParts(inner))).toBe('Save changes');
    expect(joinText(visibleTextParts(inner))).toBe('Save changes');
    const fallback = document.getElementById('empty')!.shadowRoot!.querySelector('button')!;
    expect(joinText(accessibleNameParts(fallback))).toBe('Default label');
  });
});
