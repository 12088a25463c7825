// @vitest-environment happy-dom
// A page nested deeper than the serialiser descends (MAX_TREE_DEPTH; script can nest past the HTML parser's 512):
// its step is still made. Below the cut nothing is written or read, so the box of the element at the cut is
// blurred. About 1,100 levels used to run the build out of stack (a RangeError), and the step was lost.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber, layOut, rect } from './laid-out-page';
import { MAX_TREE_DEPTH } from '../../src/content/snapshot-element-kinds';

const DEEP_BOX = rect(40, 200, 300, 40);
// happy-dom does no layout: the element at the cut and everything under it at DEEP_BOX, the rest of the page above.
layOut((el) => (el.classList.contains('deep') ? DEEP_BOX : rect(0, 0, 800, 600)));

function nest(levels: number, inner: string): HTMLElement {
  const top = document.createElement('div');
  let at: HTMLElement = top;
  for (let i = 1; i < levels; i++) {
    const next = document.createElement(i % 2 ? 'span' : 'div');
    // Every element past the cut's level is in DEEP_BOX, as the cut's own box holds them.
    if (i >= MAX_TREE_DEPTH - 8) next.className = 'deep';
    at.appendChild(next);
    at = next;
  }
  at.innerHTML = inner;
  return top;
}

describe('a tree nested deeper than the serialiser descends', () => {
  it.each([MAX_TREE_DEPTH + 50, 3_000])('%i levels: snapshotted, cut with a mark, the deep secret in no tree and its box blurred', (levels) => {
    document.body.innerHTML = '<h1>Orders</h1><p>Shallow text stays.</p>';
    document.body.appendChild(nest(levels, 'Reach me at deep.secret@example-mail.com'));
    const snap = startSnapshotter(document, new ElementIds(), fieldScrubber);
    const s = snap.snapshot();
    expect(s.xml).toContain('Shallow text stays.');
    expect(s.xml).toContain(`<truncated depth="${MAX_TREE_DEPTH}"/>`);
    expect(s.xml).not.toContain('deep.secret');
    expect(s.axtree).not.toContain('deep.secret');
    expect(s.redactedRegions).toContainEqual(expect.objectContaining({ x: DEEP_BOX.x, y: DEEP_BOX.y, width: DEEP_BOX.width, height: DEEP_BOX.height }));
    // The text map (what OCR need not read again) holds nothing from below the cut.
    expect(JSON.stringify(snap.textBoxes())).not.toContain('deep.secret');
    snap.stop();
  });

  it('a subtree the page moves up out of the cut is read again, whole and scrubbed (a build holding a cut is not kept)', () => {
    document.body.innerHTML = '<h1>Orders</h1>';
    const wraps: HTMLElement[] = [];
    let at: HTMLElement = document.body;
    for (let i = 0; i < MAX_TREE_DEPTH - 20; i++) wraps.push(at = at.appendChild(document.createElement('div')));
    const moved = at.appendChild(document.createElement('section'));
    moved.appendChild(nest(40, 'Mail moved.secret@example-mail.com'));
    const snap = startSnapshotter(document, new ElementIds(), fieldScrubber);
    expect(snap.snapshot().xml).toContain('<truncated');
    wraps[200]!.appendChild(moved);
    wraps[201]!.remove();
    const s = snap.snapshot();
    expect(s.xml).not.toContain('<truncated');
    expect(s.xml).toContain('Mail &lt;REDACTED');
    expect(s.xml + s.axtree).not.toContain('moved.secret');
    snap.stop();
  });

  it('a hidden (visibility) wrapper over a 3,000-level chain: cut as well, its step\'s snapshot made', () => {
    document.body.innerHTML = '<h1>Orders</h1><div id="top" style="visibility:hidden"></div>';
    document.getElementById('top')!.appendChild(nest(3_000, '<b style="visibility:visible">Mail hidden.secret@example-mail.com</b>'));
    const snap = startSnapshotter(document, new ElementIds(), fieldScrubber);
    const s = snap.snapshot();
    expect(s.xml).toContain('Orders');
    expect(s.xml + s.axtree).not.toContain('hidden.secret');
    expect(s.redactedRegions).toContainEqual(expect.objectContaining({ x: DEEP_BOX.x, y: DEEP_BOX.y }));
    snap.stop();
  });

  it('a field at the cut keeps its own mark, counted as above the cut; empty elements there are neither cut nor blurred', () => {
    const build = (levels: number) => {
      document.body.innerHTML = '<h1>Orders</h1>';
      let at: HTMLElement = document.body;
      for (let i = 0; i < levels; i++) at = at.appendChild(document.createElement('div'));
      at.insertAdjacentHTML('beforeend', '<input type="password" value="hunter2x"><i></i><i></i>');
      const snap = startSnapshotter(document, new ElementIds(), fieldScrubber);
      const s = snap.snapshot();
      snap.stop();
      expect(s.xml + s.axtree).not.toContain('hunter2x');
      return s;
    };
    const shallow = build(300);
    expect(Object.keys(shallow.redactions).length).toBeGreaterThan(0);
    // body's children are the first level: the field's own (and the empty <i>s') children() is the cut's.
    const atCut = build(MAX_TREE_DEPTH - 2);
    expect(atCut.redactions).toEqual(shallow.redactions);
    expect(atCut.redactedRegions).toEqual(shallow.redactedRegions);
    expect(atCut.xml).not.toContain('<truncated');
  });

  it('a tree within the depth is written whole, with no cut', () => {
    document.body.innerHTML = '';
    document.body.appendChild(nest(MAX_TREE_DEPTH - 20, 'plain words at the bottom'));
    const snap = startSnapshotter(document, new ElementIds(), fieldScrubber);
    const s = snap.snapshot();
    expect(s.xml).toContain('plain words at the bottom');
    expect(s.xml).not.toContain('<truncated');
    snap.stop();
  });
});
