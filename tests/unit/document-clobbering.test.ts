// @vitest-environment happy-dom
// A document's named elements (<img name>, <form name>, <embed>, <object>, <iframe name>) replace even its
// built-in members: with <img name="defaultView"> on the page, document.defaultView is that <img>, in the
// content script's world too. Every document member the content script reads goes through the prototypes
// (src/content/dom-safe.ts). Browsers do this clobbering; happy-dom does not, so each test gives the document
// the same own property by hand, as tests/unit/dom-clobbering.test.ts does for a form's controls.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomSnapshotter } from '../../src/content/dom-snapshot';
import { ElementIds } from '../../src/content/element-ids';
import { cssSelector } from '../../src/content/element-locators';
import { accessibleNameParts, targetTextParts } from '../../src/content/element-semantics';
import { bodyOf, referrerOf, titleOf } from '../../src/content/dom-safe';
import { listen } from '../../src/content/guard';
import { PseudoContentRules } from '../../src/content/pseudo-content';
import { initSettleNotifier } from '../../src/content/settle-notifier';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';

const EMAIL = 'jane.roe@example.com';
const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

/** Own properties replaced here, with what they were (vitest's happy-dom gives the document an own defaultView). */
const replaced: [string, PropertyDescriptor | undefined][] = [];
afterEach(() => {
  for (const [name, was] of replaced.splice(0).reverse()) {
    if (was) Object.defineProperty(document, name, was);
    else delete (document as unknown as Record<string, unknown>)[name];
  }
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  vi.useRealTimers();
});

/** Add `<img name="…">` to the body and make it the document's `name`, as a browser does. */
function clobber(name: string): HTMLImageElement {
  const img = document.createElement('img');
  img.setAttribute('name', name);
  document.body.append(img);
  replaced.push([name, Object.getOwnPropertyDescriptor(document, name)]);
  Object.defineProperty(document, name, { value: img, configurable: true });
  expect((document as unknown as Record<string, unknown>)[name]).toBe(img);
  return img;
}

function snapshotter(redactor: Redactor = scrubber): DomSnapshotter {
  const snap = new DomSnapshotter(document, new ElementIds(), redactor);
  snap.start();
  return snap;
}

describe('a document whose named elements clobber its members', () => {
  it('getElementById: aria-labelledby still names the target (a click step was lost when this threw)', () => {
    document.body.innerHTML = '<span id="lbl">Pay now</span><button id="b" aria-labelledby="lbl"><i></i></button>';
    const b = document.querySelector('#b')!;
    clobber('getElementById');
    expect(targetTextParts(b, { selector: null, text: '' }).name.join('')).toBe('Pay now');
    expect(accessibleNameParts(b).join('')).toBe('Pay now');
  });

  it('getElementById: ids are looked up in the target\'s own tree (its shadow root), not the document', () => {
    document.body.innerHTML = '<span id="lbl">Outside</span><div id="host"></div>';
    const shadow = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span id="lbl">Inside</span><button aria-labelledby="lbl"></button>';
    expect(accessibleNameParts(shadow.querySelector('button')!).join('')).toBe('Inside');
  });

  it('defaultView: a snapshot with redacted text still measures its regions (every step on the page was lost)', () => {
    document.body.innerHTML = `<p>Mail ${EMAIL}</p><span></span><i></i>`;
    const snap = snapshotter();
    snap.snapshot(null);
    clobber('defaultView');
    document.querySelector('p')!.append(' again');
    const shot = snap.snapshot(null);
    expect(shot.redactions.email).toBe(1);
    expect(shot.xml).toContain('again');
  });

  it('documentElement: the snapshot reads the page, not the <img> (dom_tree and redactions were empty)', () => {
    document.body.innerHTML = `<p>Mail ${EMAIL}</p>`;
    clobber('documentElement');
    const shot = snapshotter().snapshot(null);
    expect(shot.xml).toMatch(/^<html[ >]/);
    expect(shot.xml).toContain('Mail ');
    expect(shot.xml).not.toContain(EMAIL);
    expect(shot.redactions.email).toBe(1);
  });

  it('querySelectorAll: a ::after rule loaded late looks again at built elements; selectors are checked for uniqueness', () => {
    document.body.innerHTML = `<span id="late" class="late" data-email="${EMAIL}">Contact</span>`;
    const snap = snapshotter();
    snap.snapshot(null);
    clobber('querySelectorAll');
    document.head.insertAdjacentHTML('beforeend', '<style>.late::after { content: attr(data-email) }</style>');
    expect(snap.snapshot(null).xml).toContain('Contact');
    expect(cssSelector(document.querySelector('#late')!)).toBe('#late');
  });

  it('styleSheets: the page\'s ::before/::after rules are still read (a secret painted by CSS went unblurred)', () => {
    document.head.innerHTML = '<style>.tip::after { content: attr(data-email) }</style>';
    document.body.innerHTML = `<span class="tip" data-email="${EMAIL}">Contact</span>`;
    clobber('styleSheets');
    const rules = new PseudoContentRules();
    expect(rules.refresh(document)).toEqual(['.tip']);
    expect(rules.matches(document.querySelector('.tip')!)).toBe(true);
  });

  it('createRange: redacted text is measured (the snapshot threw)', () => {
    document.body.innerHTML = `<p>Mail ${EMAIL}</p>`;
    clobber('createRange');
    const snap = snapshotter();
    expect(snap.snapshot(null).redactions.email).toBe(1);
    expect(snap.textBoxes().complete).toBe(true);
  });

  it('createDocumentFragment: mask selectors and ::before rules are still judged valid (masks were dropped)', () => {
    document.head.innerHTML = '<style>.tip::after { content: "x" }</style>';
    document.body.innerHTML = '<p class="secret">Balance 1234</p><p>Open</p>';
    clobber('createDocumentFragment');
    const snap = snapshotter(passThroughRedactor);
    snap.configure(['.secret'], '<MASKED>', 1_000_000);
    const xml = snap.snapshot(null).xml;
    expect(xml).not.toContain('Balance 1234');
    expect(xml).toContain('Open');
    expect(new PseudoContentRules().refresh(document)).toEqual(['.tip']);
  });

  it('elementFromPoint: the hit tests for text under an off-screen ancestor run (textBoxes threw)', () => {
    document.body.innerHTML = '<p>Hello</p>';
    clobber('elementFromPoint');
    const snap = snapshotter(passThroughRedactor);
    snap.snapshot(null);
    expect(snap.textBoxes().complete).toBe(true);
  });

  it('visibilityState: the page still says it settled (it never did: the state was never "visible")', () => {
    vi.useFakeTimers();
    clobber('visibilityState');
    const notify = vi.fn();
    const settle = initSettleNotifier(window, () => 0, notify, () => undefined);
    vi.advanceTimersByTime(1_000);
    settle.stop();
    expect(notify).toHaveBeenCalled();
  });

  it('addEventListener and removeEventListener: the snapshotter and listeners still attach and detach', () => {
    document.body.innerHTML = '<p>Hi</p>';
    clobber('addEventListener');
    clobber('removeEventListener');
    const heard = vi.fn();
    const stop = listen(document, 'ping', heard);
    document.dispatchEvent(new Event('ping'));
    stop();
    document.dispatchEvent(new Event('ping'));
    expect(heard).toHaveBeenCalledTimes(1);
    const snap = snapshotter(passThroughRedactor);
    expect(snap.snapshot(null).xml).toContain('Hi');
    snap.stop();
  });

  it('title, body and referrer read the document\'s own', () => {
    document.title = 'Checkout';
    document.body.innerHTML = '<p>Hi</p>';
    const realBody = document.body;
    clobber('title');
    clobber('body');
    clobber('referrer');
    expect(titleOf(document)).toBe('Checkout');
    expect(bodyOf(document)).toBe(realBody);
    expect(referrerOf(document)).toBe('');
  });
});
