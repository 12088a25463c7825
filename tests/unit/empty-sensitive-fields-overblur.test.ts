// @vitest-environment happy-dom
// A field whose painted copies cannot be followed (an ancestor's SVG filter or box reflection) is blurred with the
// whole screen: an empty sensitive field far below the fold must not blur every screenshot of the page whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

const config = defaultConfig();
const scrubber = createScrubber({ ...config, ner: { ...config.ner, enabled: false } }, null);

const rect = (x: number, y: number, width: number, height: number): DOMRect =>
  ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;
// happy-dom does no layout: the newsletter footer's field lies far below a 768 px viewport, all else on it.
const saved = { box: Element.prototype.getBoundingClientRect };
beforeEach(() => {
  document.head.innerHTML = '';
  Element.prototype.getBoundingClientRect = function (this: Element) { return this.id === 'f' ? rect(10, 9000, 200, 20) : rect(0, 0, 800, 600); };
});
afterEach(() => { Element.prototype.getBoundingClientRect = saved.box; });

describe('an empty sensitive field under an effect whose copies cannot be followed', () => {
  it('does not blur the whole screen from below the fold', () => {
    document.body.innerHTML = '<main><h1>Orders</h1><p>Nothing secret on screen.</p></main>'
      + '<footer style="filter: url(#goo)"><input id="f" name="email" placeholder="Your e-mail"></footer>';
    const s = startSnapshotter(document, new ElementIds(), scrubber).snapshot();
    expect(s.redactedRegions.filter((b) => b.width >= 100_000)).toEqual([]);
  });
});
