// rescrubDomTree passes over the recorder's own marks (inline="true", hidden="true", out-of-line="true") as it does
// over ids and boxes, and still scrubs every page attribute beside them, whatever its name.
import { describe, expect, it } from 'vitest';
import { rescrubDomTree } from '../../src/core/scrub/dom-tree-rescrub';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

const scrubber = createScrubber(defaultConfig(), null);

describe('rescrubDomTree and the recorder\'s marks', () => {
  it('keeps a tag of marks only as it is', () => {
    const xml = '<div id="4" inline="true" bbox="1,2,3,4"><img id="5" hidden="true"/><span id="6" out-of-line="true">Buy</span></div>';
    const counts: Record<string, number> = {};
    expect(rescrubDomTree(xml, scrubber, counts)).toBe(xml);
    expect(counts).toEqual({});
  });

  it('scrubs a page attribute beside a mark, and one named like a mark that holds more than "true"', () => {
    const xml = '<div id="4" inline="true" title="Mail jane.roe@example-mail.com"><x-chip id="5" inline="jane.roe@example-mail.com" hidden="true">a</x-chip></div>';
    const counts: Record<string, number> = {};
    const out = rescrubDomTree(xml, scrubber, counts);
    expect(out).not.toContain('jane.roe');
    expect(out).toContain('<div id="4" inline="true" title="Mail &lt;REDACTED&gt;">');
    expect(out).toContain('<x-chip id="5" inline="&lt;REDACTED&gt;" hidden="true">');
    expect(counts.email).toBe(2);
  });

  it('writes each changed value in place and leaves the others as they were', () => {
    const xml = '<a id="1" href="/u?token=abc" data-a="4111 1111 1111 1111" data-b="plain" data-c="call +1 415 555 0100">x</a>';
    const out = rescrubDomTree(xml, scrubber, {});
    expect(out).toMatch(/^<a id="1" href="[^"]*" data-a="&lt;REDACTED&gt;" data-b="plain" data-c="call &lt;REDACTED&gt;">x<\/a>$/);
  });
});
