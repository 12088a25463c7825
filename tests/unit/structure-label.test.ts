// @vitest-environment happy-dom
// The page's structure names values no pattern could: a column header, a
// <dt>, itemprop, a profile link, an avatar, a field's label. The snapshot
// passes that label to the scrubber; the label itself is never recorded.
import { describe, expect, it } from 'vitest';
import { DomSnapshotter } from '../../src/content/dom-snapshot';
import { ElementIds } from '../../src/content/element-ids';
import { structureLabel } from '../../src/content/structure-label';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { defaultConfig } from '../../src/core/scrub/default-config';

const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());

function snapshot(html: string): string {
  document.body.innerHTML = html;
  const snap = new DomSnapshotter(document, new ElementIds(), scrubber);
  snap.start();
  const xml = snap.snapshot().xml;
  snap.stop();
  return xml;
}

describe('structureLabel', () => {
  it('reads a cell\'s column header, with colspans, and a <dt>', () => {
    document.body.innerHTML = `<table><thead><tr><th colspan="2">Order</th><th>Assignee</th></tr></thead>
      <tbody><tr><td>1</td><td>x</td><td id="c">Ona</td></tr></tbody></table><dl><dt>Phone</dt><dd id="d">x</dd></dl>`;
    expect(structureLabel(document.getElementById('c'))).toBe('Assignee');
    expect(structureLabel(document.getElementById('d'))).toBe('Phone');
  });
  it('maps itemprop and profile links, and gives nothing elsewhere', () => {
    document.body.innerHTML = '<span id="a" itemprop="telephone">x</span><a id="b" href="/users/42">x</a><p id="p">x</p>';
    expect(structureLabel(document.getElementById('a'))).toBe('Phone');
    expect(structureLabel(document.getElementById('b'))).toBe('Author');
    expect(structureLabel(document.getElementById('p'))).toBeUndefined();
  });
});

describe('snapshot scrubbing with structure labels', () => {
  it('redacts bare names and numbers that only their place on the page identifies', () => {
    const xml = snapshot(`
      <table><tr><th>Customer</th><th>Status</th></tr><tr><td>Ona Vilkaitė</td><td>Shipped</td></tr></table>
      <dl><dt>Telefon</dt><dd>0612345678</dd></dl>
      <span itemprop="name">Kwabena Mensah-Bonsu</span>
      <a href="/profile/kw">kwabena_m</a>
      <img class="user-avatar" src="a.png" alt="Siobhán Ní Bhriain">`);
    for (const secret of ['Ona', 'Vilkaitė', '0612345678', 'Kwabena', 'Mensah', 'kwabena_m', 'Siobhán', 'Bhriain']) expect(xml).not.toContain(secret);
    for (const kept of ['Customer', 'Status', 'Shipped', 'Telefon']) expect(xml).toContain(kept);
  });
  it('reads a text field\'s label for its value', () => {
    const xml = snapshot('<label for="n">Full name</label><input id="n" value="Tomasz Wiśniewski"><label for="c">Colour</label><input id="c" value="Navy Blue">');
    expect(xml).not.toContain('Wiśniewski');
    expect(xml).toContain('Navy Blue');
  });
});
