// @vitest-environment happy-dom
// Every empty sensitive field near the viewport is a blur box (for what is typed or autofilled before the pixels
// are taken), and a frame's settle report past MAX_BOXES_PER_FRAME boxes becomes whole-screen OCR with no blur
// box at all (tab-text-map's parseRegions). Fields far below the fold are not measured, so a page of 2,000 empty
// contact fields does not cost the filled card security code beside them its blur (OCR cannot call '9173' a secret).
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';
import { MAX_BOXES_PER_FRAME, parseRegions } from '../../src/core/tab-text-map';

// happy-dom does no layout: the code field is on screen; row i of the contact grid at 2,000 + 30 i, below the fold.
const CVC = rect(10, 100, 80, 20);
layOut((el) => {
  if (el.id === 'cvc') return CVC;
  const row = /_(\d+)$/.exec(el.getAttribute('name') ?? '')?.[1];
  return row !== undefined ? rect(10, 2000 + 30 * Number(row), 200, 20) : rect(0, 0, 800, 600);
});

describe('a settle report of a page with many empty sensitive fields', () => {
  it('keeps the blur box of the filled code field', () => {
    let rows = '';
    for (let i = 0; i < MAX_BOXES_PER_FRAME / 2; i++) rows += `<tr><td><input name="email_${i}"></td><td><input name="phone_${i}"></td></tr>`;
    document.body.innerHTML = `<form><input id="cvc" name="cvc" value="9173"></form><table>${rows}</table>`;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    const s = snap.snapshot();
    expect(s.xml).not.toContain('9173');
    // As recorder.iife's reportSettled sends it, and the worker takes it in (frame-regions-intake).
    const kept = parseRegions({ redacted: s.redactedRegions, media: s.mediaRegions, explained: snap.textBoxes().boxes });
    expect(kept?.redacted).toContainEqual({ x: CVC.x, y: CVC.y, width: CVC.width, height: CVC.height });
  });
});
