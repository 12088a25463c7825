// Set-ups shared by the snapshot's field tests. happy-dom does no layout: each file says which box an element
// gets (layOut), and snapshots with the default config's scrubber, NER off (fieldScrubber).
import { afterEach, beforeEach } from 'vitest';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

const config = defaultConfig();
export const fieldScrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

export const rect = (x: number, y: number, width: number, height: number): DOMRect =>
  ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;

/** For every test of the file (or describe block): an empty head, and `boxOf` as each element's getBoundingClientRect. */
export function layOut(boxOf: (el: Element) => DOMRect): void {
  const saved = Element.prototype.getBoundingClientRect;
  beforeEach(() => {
    document.head.innerHTML = '';
    Element.prototype.getBoundingClientRect = function (this: Element) { return boxOf(this); };
  });
  afterEach(() => { Element.prototype.getBoundingClientRect = saved; });
}
