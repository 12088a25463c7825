// @vitest-environment happy-dom
// A field whose painted copies cannot be followed (an ancestor's SVG filter or box reflection) is blurred with the
// whole screen: an empty sensitive field far below the fold must not blur every screenshot of the page whole.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

// happy-dom does no layout: the newsletter footer's field lies far below a 768 px viewport, all else on it.
layOut((el) => (el.id === 'f' ? rect(10, 9000, 200, 20) : rect(0, 0, 800, 600)));

describe('an empty sensitive field under an effect whose copies cannot be followed', () => {
  it('does not blur the whole screen from below the fold', () => {
    document.body.innerHTML = '<main><h1>Orders</h1><p>Nothing secret on screen.</p></main>'
      + '<footer style="filter: url(#goo)"><input id="f" name="email" placeholder="Your e-mail"></footer>';
    const s = startSnapshotter(document, new ElementIds(), scrubber).snapshot();
    expect(s.redactedRegions.filter((b) => b.width >= 100_000)).toEqual([]);
  });
});
