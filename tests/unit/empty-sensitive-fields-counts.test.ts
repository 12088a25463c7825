// @vitest-environment happy-dom
// An empty sensitive field is blurred and not counted, yet the redacted text it paints (its placeholder) is a
// redaction, counted as on any other field.
import { describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { fieldScrubber as scrubber, layOut, rect } from './laid-out-page';

const EMAIL = 'kim.sato@example-bank.org';
layOut(() => rect(10, 10, 200, 20));

function snapshotOf(html: string) {
  document.body.innerHTML = html;
  return startSnapshotter(document, new ElementIds(), scrubber).snapshot();
}

describe('what an empty field counts', () => {
  it('control: an empty ordinary field painting an address as its placeholder counts that address (held)', () => {
    expect(snapshotOf(`<input id="note" placeholder="${EMAIL}">`).redactions).toEqual({ email: 1 });
  });

  it('an empty sensitive field painting the same placeholder counts it too', () => {
    const s = snapshotOf(`<input id="login" name="email" placeholder="${EMAIL}">`);
    expect(s.xml).not.toContain(EMAIL);
    expect(s.redactions).toEqual({ email: 1 });
  });
});
