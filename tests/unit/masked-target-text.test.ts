// @vitest-environment happy-dom
// A step target's name and text read through the user's masks (config mask_selectors) as the snapshot does.
// Hostile shapes: a click on a wrapper now names the nearest control (a button holding a masked balance), a
// design system's inner <button> reads its <slot> (a masked span slotted into it, in no querySelector's reach),
// a click inside a masked element names the element the snapshot kept (its parent), a label round a textarea
// holding its initial value. Before, each carried the masked text into target.name and text, which the DOM
// scrub had replaced by the mask text in dom_tree and axtree; the scrubber alone does not know it is private.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accessibleNameParts, targetTextParts, type TextMask } from '../../src/content/element-semantics';
import { joinText } from '../../src/core/scrub/pieces';

const MASK: TextMask = { selector: '.private', text: '<REDACTED>' };
const SECRET = 'Balance 1,234.56 Ledger ZX99';
const read = (el: Element): { name: string; text: string } => {
  const parts = targetTextParts(el, MASK);
  return { name: joinText(parts.name), text: joinText(parts.text) };
};

beforeEach(() => { document.body.innerHTML = ''; });

describe('a target\'s name and text through masks', () => {
  it('a control holding a masked part names it by the mask text', () => {
    document.body.innerHTML = `<button id="b">Pay <span class="private">${SECRET}</span> now</button>`;
    const { name, text } = read(document.getElementById('b')!);
    expect(name).not.toContain('1,234');
    expect(text).not.toContain('ZX99');
    expect(name).toMatch(/^Pay\s+<REDACTED>\s+now$/);
  });

  it('a masked part slotted into an inner <button> is the mask text too', () => {
    document.body.innerHTML = `<x-button id="h"><span class="private">${SECRET}</span></x-button>`;
    document.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = '<button part="base"><slot></slot></button>';
    const inner = document.getElementById('h')!.shadowRoot!.querySelector('button')!;
    const { name, text } = read(inner);
    expect(`${name} ${text}`).not.toMatch(/1,234|ZX99/);
  });

  it('a target inside a masked element, across a shadow root, is the mask\'s whole', () => {
    document.body.innerHTML = `<div class="private" aria-label="${SECRET}"><x-row id="h"></x-row></div>`;
    document.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = `<button>${SECRET}</button>`;
    const inner = document.getElementById('h')!.shadowRoot!.querySelector('button')!;
    expect(read(inner)).toEqual({ name: '<REDACTED>', text: '<REDACTED>' });
  });

  it('labels and aria-labelledby read through a mask; a masked element\'s own aria-label is not read', () => {
    document.body.innerHTML = `<span id="l" class="private">${SECRET}</span><button id="b" aria-labelledby="l">x</button>`
      + `<label>Account <span class="private">${SECRET}</span> <input id="i"></label><div id="m" class="private" aria-label="${SECRET}"></div>`;
    for (const id of ['b', 'i', 'm']) expect(joinText(accessibleNameParts(document.getElementById(id)!, MASK))).not.toMatch(/1,234|ZX99/);
  });

  it('a label round a textarea does not read its initial value', () => {
    document.body.innerHTML = '<label>Recovery codes <textarea id="t">8f3k-29dj-xx71</textarea></label>';
    expect(joinText(accessibleNameParts(document.getElementById('t')!))).toBe('Recovery codes');
  });
});

describe('a target\'s name on a hostile page stays cheap', () => {
  it('one textless subtree named by aria-labelledby thousands of times is walked within one budget', async () => {
    const empties = '<i></i>'.repeat(20_000);
    const ids = Array.from({ length: 400 }, () => 'e').join(' ');
    document.body.innerHTML = `<div id="e">${empties}</div><button id="b" aria-labelledby="${ids}">Go</button>`;
    // Every step between nodes counted: the content script reads them through getters it keeps at load
    // (content/dom-safe), so counting ones are put on the prototypes and the modules loaded afresh over them.
    const steps = { n: 0 };
    const counted = (key: 'firstChild' | 'nextSibling'): PropertyDescriptor => {
      const own = Object.getOwnPropertyDescriptor(Node.prototype, key)!;
      Object.defineProperty(Node.prototype, key, { ...own, get(this: Node) { steps.n++; return own.get!.call(this); } });
      return own;
    };
    const kept = { firstChild: counted('firstChild'), nextSibling: counted('nextSibling') };
    try {
      vi.resetModules();
      const fresh = await import('../../src/content/element-semantics');
      const { MAX_WALK } = await import('../../src/content/dom-safe');
      const name = joinText(fresh.targetTextParts(document.getElementById('b')!, MASK).name);
      // The name falls back to the button's own text: the labelled-by subtree has none.
      expect(name).toBe('Go');
      // One budget for every reference: a walk per reference takes 400 x 20,000 steps (8M).
      expect(steps.n).toBeGreaterThan(0);
      expect(steps.n).toBeLessThanOrEqual(3 * MAX_WALK);
    } finally {
      Object.defineProperty(Node.prototype, 'firstChild', kept.firstChild);
      Object.defineProperty(Node.prototype, 'nextSibling', kept.nextSibling);
    }
  });
});
