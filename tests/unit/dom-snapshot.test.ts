// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';

function setup(html: string, redactor: Redactor = passThroughRedactor) {
  document.body.innerHTML = html;
  const ids = new ElementIds();
  const snap = startSnapshotter(document, ids, redactor);
  return { ids, snap };
}

const idOf = (xml: string, text: string): number => Number(new RegExp(`id="(\\d+)"[^>]*>${text}<`).exec(xml)?.[1]);

describe('DomSnapshotter', () => {
  beforeEach(() => { document.head.innerHTML = '<title>t</title><style>p{}</style>'; });

  it('gives every element an id and keeps ids stable across snapshots and mutations', () => {
    const { snap } = setup('<main><button>Buy</button><p>Hello</p></main>');
    const first = snap.snapshot().xml;
    const buyId = idOf(first, 'Buy');
    expect(buyId).toBeGreaterThan(0);
    document.querySelector('p')!.textContent = 'Changed';
    document.querySelector('main')!.insertAdjacentHTML('afterbegin', '<h1>New</h1>');
    const second = snap.snapshot().xml;
    expect(second).toContain('Changed');
    expect(second).not.toContain('Hello');
    expect(idOf(second, 'Buy')).toBe(buyId);
    expect(idOf(second, 'New')).toBeGreaterThan(buyId);
  });

  it('prunes scripts, styles and hidden subtrees, keeps roles and aria', () => {
    const { snap } = setup('<script>var secret=1</script><div hidden>gone</div><div style="display: none">gone2</div><div role="button" aria-label="Close">x</div>');
    const xml = snap.snapshot().xml;
    expect(xml).not.toContain('secret');
    expect(xml).not.toContain('gone');
    expect(xml).not.toContain('<head');
    expect(xml).toMatch(/<div id="\d+" role="button" aria-label="Close">x<\/div>/);
  });

  it('reflects live form state and never records password values', () => {
    const { snap } = setup('<input id="q" name="q"><input type="password" id="pw"><input type="checkbox" id="c">');
    const q = document.getElementById('q') as HTMLInputElement;
    const pw = document.getElementById('pw') as HTMLInputElement;
    const c = document.getElementById('c') as HTMLInputElement;
    snap.snapshot();
    q.value = 'usb cable';
    q.dispatchEvent(new Event('input', { bubbles: true }));
    pw.value = 'hunter2';
    pw.dispatchEvent(new Event('input', { bubbles: true }));
    c.checked = true;
    c.dispatchEvent(new Event('change', { bubbles: true }));
    const xml = snap.snapshot().xml;
    expect(xml).toContain('value="usb cable"');
    expect(xml).not.toContain('hunter2');
    expect(xml).toContain('value="&lt;REDACTED:credential&gt;"');
    expect(xml).toContain('checked="true"');
  });

  it('serialises open shadow roots and escapes text', () => {
    const { snap } = setup('<div id="host"></div>');
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<button>a &lt; b &amp; "c"</button>';
    const xml = snap.snapshot().xml;
    expect(xml).toContain('<shadow-root><button id=');
    expect(xml).toContain('a &lt; b &amp; "c"</button>');
  });

  it('redacts text through the redactor and counts what it redacted', () => {
    const redactor: Redactor = {
      redact: (t) => {
        const i = t.indexOf('jane@example.com');
        return i < 0 ? { text: t, spans: [] } : { text: t.replace('jane@example.com', '<EMAIL>'), spans: [{ start: i, end: i + 16, rule: 'email' }] };
      },
      redactUrl: (u) => ({ text: u, spans: [] }),
    };
    const { snap } = setup('<p>Mail jane@example.com today</p>', redactor);
    const shot = snap.snapshot();
    expect(shot.xml).toContain('Mail &lt;EMAIL&gt; today');
    expect(shot.xml).not.toContain('jane@');
    expect(shot.redactions).toEqual({ email: 1 });
  });

  it('always contains the target id, even when it sits in a pruned subtree', () => {
    const { snap } = setup('<button><svg><path d="M0"></path></svg>Go</button>');
    const path = document.querySelector('path')!;
    const shot = snap.snapshot(path);
    expect(shot.targetId).not.toBeNull();
    expect(shot.xml).toContain(` id="${shot.targetId}"`);
  });

  it('caps the size, closes open tags and keeps the target', () => {
    document.body.innerHTML = '';
    const ids = new ElementIds();
    const snap = startSnapshotter(document, ids, passThroughRedactor, { maxChars: 2000, maxTextLength: 300, maxAttrLength: 200 });
    document.body.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>paragraph ${i}</p>`).join('') + '<button>last</button>';
    const shot = snap.snapshot(document.querySelector('button'));
    expect(shot.xml.length).toBeLessThan(2600);
    expect(shot.xml).toContain('<truncated');
    expect(shot.xml.endsWith('</html>')).toBe(true);
    expect(shot.xml).toContain(` id="${shot.targetId}"`);
  });
});

describe('DomSnapshotter media regions (pixels the DOM cannot vouch for)', () => {
  const rect = (x: number, y: number, width: number, height: number): DOMRect =>
    ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) }) as DOMRect;

  it('reports images, canvases, video, SVG text, embeds and inline backgrounds on screen, with their kinds', () => {
    const { snap } = setup(`
      <p>plain text</p>
      <canvas id="c"></canvas><img id="i" src="x.png" alt="a"><video id="v"></video>
      <svg id="s"><text>4111 1111 1111 1111</text></svg><svg id="icon"><path d="M0 0"/></svg>
      <object id="o" data="x.pdf"></object><div id="bg" style="background-image: url(a.png)"></div>
      <img id="far" src="y.png"><img id="tiny" src="z.png">`);
    const boxes: Record<string, DOMRect> = {
      c: rect(10, 10, 300, 100), i: rect(10, 120, 200, 100), v: rect(220, 120, 200, 100), s: rect(10, 230, 200, 40),
      icon: rect(300, 230, 200, 40), o: rect(10, 300, 200, 100), bg: rect(300, 300, 200, 100), far: rect(10, 5000, 200, 100), tiny: rect(0, 0, 16, 16),
    };
    for (const el of Array.from(document.querySelectorAll('[id]'))) {
      const box = boxes[el.id];
      if (box) el.getBoundingClientRect = () => box;
    }
    const kinds = snap.snapshot().mediaRegions.map((r) => `${r.kind}@${r.x},${r.y}`).sort();
    expect(kinds).toEqual(['background@300,300', 'canvas@10,10', 'embed@10,300', 'img@10,120', 'svg-image@10,230', 'video@220,120'].sort());
  });

  it('forgets an element that is removed or no longer media', () => {
    const { snap } = setup('<img id="i" src="x.png"><div id="d">text</div>');
    const img = document.getElementById('i')!;
    img.getBoundingClientRect = () => rect(0, 0, 200, 100);
    expect(snap.snapshot().mediaRegions).toHaveLength(1);
    img.remove();
    expect(snap.snapshot().mediaRegions).toHaveLength(0);
  });
});
