// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { DomSnapshotter } from '../../src/content/dom-snapshot';
import { ElementIds } from '../../src/content/element-ids';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';

function setup(html: string, redactor: Redactor = passThroughRedactor) {
  document.body.innerHTML = html;
  const ids = new ElementIds();
  const snap = new DomSnapshotter(document, ids, redactor);
  snap.start();
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
    const snap = new DomSnapshotter(document, ids, passThroughRedactor, { maxChars: 2000, maxTextLength: 300, maxAttrLength: 200 });
    snap.start();
    document.body.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>paragraph ${i}</p>`).join('') + '<button>last</button>';
    const shot = snap.snapshot(document.querySelector('button'));
    expect(shot.xml.length).toBeLessThan(2600);
    expect(shot.xml).toContain('<truncated');
    expect(shot.xml.endsWith('</html>')).toBe(true);
    expect(shot.xml).toContain(` id="${shot.targetId}"`);
  });
});
