// XmlTokens reads dom_tree's tokens as the regex the run pass used did: the same tags (name, closing,
// self-closing) and text segments, on trees, on random text of the characters that matter, and on hostile text.
import { describe, expect, it } from 'vitest';
import { XmlTokens } from '../../src/core/scrub/xml-tokens';

const XML_TOKEN = /<(\/?)([A-Za-z_][\w:.-]*)[^<>]*?(\/?)>|[^<]+/g;

const byRegex = (xml: string): string[] => [...xml.matchAll(XML_TOKEN)].map((m) =>
  m[2] === undefined ? `text ${m.index}-${m.index + m[0].length}` : `tag ${m[2]} ${m.index}-${m.index + m[0].length}${m[1] ? ' closing' : ''}${m[3] ? ' self' : ''}`);

const byCursor = (xml: string): string[] => {
  const out: string[] = [];
  const t = new XmlTokens(xml);
  while (t.next()) {
    out.push(t.isTag ? `tag ${t.name} ${t.start}-${t.end}${t.closing ? ' closing' : ''}${t.selfClosing ? ' self' : ''}` : `text ${t.start}-${t.end}`);
  }
  return out;
};

// A seeded generator, so a failure names a text that fails again.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('XmlTokens', () => {
  it.each([
    '<html id="0"><body id="1"><p id="2">Card <span id="3">4111</span> 1111</p><br/><img id="4" hidden="true"/></body></html>',
    '<shadow-root><slot id="5"/></shadow-root><div inline="true" bbox="1,2,3,4">a &lt; b</div>',
    'a < b and c > d', '<', '>', '</>', '< a>', '<1a>', '<a', '<a<b>', '</a/>', '<a/ b>', '<br/>', '<x:y.z-1 a="/">',
    '<_a>', '<A B="c">', '<a>>', 'text only', '', '<a<a<a<a', `${'<a'.repeat(50)}>`,
  ])('%j: the tokens the regex reads', (xml) => {
    expect(byCursor(xml)).toEqual(byRegex(xml));
  });

  it('reads random text of tags, slashes and brackets as the regex does', () => {
    const next = random(7);
    const alphabet = ['<', '>', '/', 'a', 'B', '_', '1', ':', '.', '-', ' ', '"', '=', '\n', 'é'];
    for (let k = 0; k < 2000; k++) {
      let xml = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) xml += alphabet[Math.floor(next() * alphabet.length)];
      expect(byCursor(xml), JSON.stringify(xml)).toEqual(byRegex(xml));
    }
  });

  it('reads a stretch of `<` with no `>` in linear time (each `>` is looked for once)', () => {
    // 200,000 tags that never close: a quadratic scan would read 2·10^10 characters.
    const xml = `${'<a'.repeat(200_000)}>tail`;
    const tokens = byCursor(xml);
    expect(tokens.at(-2)).toBe(`tag a ${xml.length - 7}-${xml.length - 4}`);
    expect(tokens.at(-1)).toBe(`text ${xml.length - 4}-${xml.length}`);
  });
});
