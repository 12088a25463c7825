// @vitest-environment happy-dom
// content/page-shown: a page Chromium prerenders starts recording only once shown, and reports its arrival then.
import { describe, expect, it } from 'vitest';
import { pageShown } from '../../src/content/page-shown';

/** A document as the recorder sees it: `prerendering` as Chromium sets it, and its events. */
function fakeDocument(prerendering: boolean | undefined): Document & { show(): void } {
  const target = new EventTarget() as EventTarget & { prerendering?: boolean; show(): void };
  if (prerendering !== undefined) target.prerendering = prerendering;
  target.show = () => {
    target.prerendering = false;
    target.dispatchEvent(new Event('prerenderingchange'));
  };
  return target as unknown as Document & { show(): void };
}

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => { done = true; });
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('pageShown', () => {
  it('a page shown at once (Firefox has no prerendering; a page Chromium loads as usual) starts at once, as before', async () => {
    for (const doc of [fakeDocument(undefined), fakeDocument(false)]) {
      const { shown, arriving } = pageShown(doc);
      expect(await settled(shown)).toBe(true);
      expect([arriving(false), arriving(true)]).toEqual([false, true]);
    }
  });

  it('a prerendered page waits until it is shown, and its first start reports its arrival', async () => {
    const doc = fakeDocument(true);
    const { shown, arriving } = pageShown(doc);
    expect(await settled(shown)).toBe(false);
    doc.show();
    expect(await settled(shown)).toBe(true);
    // A recording begun while it was unseen starts it (not at page load), and still reports the arrival, once.
    expect([arriving(false), arriving(false), arriving(true)]).toEqual([true, false, true]);
  });
});
