// @vitest-environment happy-dom
// What an empty sensitive field costs at each snapshot: only those within a viewport are measured, and what names
// a field is read to a bounded length. Counted in reads, never in time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, rect } from './laid-out-page';
import { isSensitiveField } from '../../src/core/sensitive-field';

const saved = { box: Element.prototype.getBoundingClientRect, style: window.getComputedStyle };
afterEach(() => {
  Element.prototype.getBoundingClientRect = saved.box;
  window.getComputedStyle = saved.style;
});

describe('what an empty sensitive field costs', () => {
  // happy-dom does no layout: the form's fields are far below a 768 px viewport (row i at 5,000 + 30 i), all else on it.
  beforeEach(() => {
    document.head.innerHTML = '';
    Element.prototype.getBoundingClientRect = function (this: Element) {
      const row = this.localName === 'input' ? Number(/\d+/.exec(this.getAttribute('name') ?? '')?.[0] ?? 0) : -1;
      return row >= 0 ? rect(10, 5000 + 30 * row, 200, 20) : rect(0, 0, 800, 600);
    };
  });

  it('an unchanged page of 200 empty contact rows far below the viewport reads no style at a snapshot', () => {
    let rows = '';
    for (let i = 0; i < 200; i++) rows += `<tr><td><div><input name="email_${i}"></div></td><td><div><input name="phone_${i}"></div></td></tr>`;
    document.body.innerHTML = `<main><section><form><table><tbody>${rows}</tbody></table></form></section></main>`;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    snap.snapshot();
    let styles = 0;
    window.getComputedStyle = function (this: Window, ...args: Parameters<Window['getComputedStyle']>) {
      styles++;
      return saved.style.apply(this, args);
    } as Window['getComputedStyle'];
    const s = snap.snapshot();
    // Each field's ancestors' style is read (copyOffsetsOf) for a box no screenshot shows.
    expect(styles).toBe(0);
    expect(s.redactedRegions.filter((b) => b.y > window.innerHeight)).toEqual([]);
  });

  it('an empty field whose aria-label and placeholder run to 45,000 characters is not scanned whole at each rebuild', () => {
    const long = 'Delivery notes '.repeat(3000);
    document.body.innerHTML = `<input name="note" placeholder="${long}" aria-label="${long}">`;
    const snap = startSnapshotter(document, new ElementIds(), scrubber);
    let scanned = 0;
    snap.configure([], '<REDACTED>', 1_000_000, (f) => {
      scanned += (f.label ?? '').length;
      return isSensitiveField(f);
    });
    snap.snapshot();
    scanned = 0;
    // The page restyles the field (focus ring, validation class): each time it is rebuilt and its label scanned.
    document.querySelector('input')!.classList.add('touched');
    snap.snapshot();
    // Read whole, the 90,000-character label cost about a second of linear-regex time per rebuild (happy-dom).
    expect(scanned).toBeLessThanOrEqual(4096);
  });
});
