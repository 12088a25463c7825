// Content scripts may see that an element has a closed shadow root (whose text
// the snapshot cannot read, so its area is OCR'd like media). Each browser
// offers this differently: Chrome as chrome.dom.openOrClosedShadowRoot(el),
// Firefox as the property el.openOrClosedShadowRoot in content scripts only. Page code and
// tests have neither, and get undefined. No extension API is called here, so
// the DOM snapshot that uses it stays testable outside a browser.

export type ShadowOpener = (el: HTMLElement) => ShadowRoot | null;

export function closedShadowRootOpener(): ShadowOpener | undefined {
  const chromeDom = (globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: ShadowOpener } } }).chrome?.dom;
  if (typeof chromeDom?.openOrClosedShadowRoot === 'function') return (el) => chromeDom.openOrClosedShadowRoot!(el);
  // Firefox: a property, not a method, and reading it on the prototype itself throws; only `in` is safe there.
  const proto = (globalThis as unknown as { Element?: { prototype: object } }).Element?.prototype;
  if (proto && 'openOrClosedShadowRoot' in proto) {
    return (el) => (el as unknown as { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  }
  return undefined;
}
