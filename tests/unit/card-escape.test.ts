// The dataset card `pack` writes is rendered by dataset hubs: nothing from
// its inputs may become Markdown or HTML there. A zip whose manifest holds
// markup where hashes belong, a zip refused for an entry name holding an
// <iframe>, and file names holding markup and a javascript: link are packed;
// the card is rendered with a real Markdown library (markdown-it, raw HTML
// allowed and every link accepted, as a lax renderer would) and no element,
// link or image from the input may appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { zipSync, strToU8 } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { main } from '../../src/cli/main';
import { datasetCard, type PackSummary } from '../../src/core/dataset/card';
import { isHash, markdownText, terminalText } from '../../src/core/safe-text';
import { step, task } from './fixtures';
import { writeTestExport } from './cli-exports';

const HOSTILE_HASH = '<img src=x onerror=alert(1)><script>alert(2)</script>[config](javascript:alert(3)) <javascript:alert(4)>';
const IFRAME_ENTRY = 'images/../<iframe src=javascript:alert(5)></iframe>';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-card-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A renderer as lax as any hub's: raw HTML on, links autolinked, every link target accepted. */
function renderer(): MarkdownIt {
  const md = markdownIt({ html: true, linkify: true });
  md.validateLink = () => true;
  return md;
}

function allTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...allTokens(t.children ?? [])]);
}

/** Tag names of the elements in rendered HTML. */
const elementsOf = (html: string): Set<string> => new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));

describe('text into Markdown', () => {
  it('the renderer is lax enough that unescaped input would make elements', () => {
    const md = renderer();
    const html = md.render(`${HOSTILE_HASH} ${IFRAME_ENTRY}`);
    for (const tag of ['img', 'script', 'iframe', 'a']) expect(elementsOf(html)).toContain(tag);
    expect(html).toMatch(/href="javascript:/);
  });

  it('markdownText renders as its text and nothing else', () => {
    const md = renderer();
    for (const text of [HOSTILE_HASH, IFRAME_ENTRY, '**bold** _em_ `code` ~~gone~~ | cell | ![i](x.png) &lt;b&gt; \\[x\\]', 'a\n\n# heading\n- item']) {
      const tokens = allTokens(md.parse(markdownText(text), {}));
      expect(tokens.map((t) => t.type).filter((t) => !['paragraph_open', 'paragraph_close', 'inline', 'text'].includes(t))).toEqual([]);
      expect(tokens.filter((t) => t.type === 'text').map((t) => t.content).join('')).toBe(text.replace(/[\n]/g, ' '));
    }
  });

  it('terminal text shows escape sequences and line breaks instead of acting on them; hashes are hex', () => {
    expect(terminalText('ok\u001b[2J\u001b]0;title\u0007\nforged line\u202e')).toBe('ok\\u{1b}[2J\\u{1b}]0;title\\u{7}\\u{a}forged line\\u{202e}');
    expect(terminalText('two\nlines', true)).toBe('two\nlines');
    expect(isHash('0123456789abcdef')).toBe(true);
    expect(isHash('a'.repeat(64))).toBe(true);
    expect(isHash(HOSTILE_HASH)).toBe(false);
    expect(isHash('cfg123')).toBe(false);
    expect(isHash(null)).toBe(false);
  });
});

describe('pack\'s dataset card', () => {
  it('renders markup, script, a javascript: link and an <iframe> entry name from its inputs as text', async () => {
    const steps = [step(1, { observation: { ...step(1).observation, url: 'https://shop.example.com/a' } }), step(2)];
    const evil = await writeTestExport(join(dir, 'evil <img src=x onerror=alert(6)>.zip'), [{ task: task(), steps }], {
      settings: { configHash: HOSTILE_HASH, demonstratorHash: '<script>alert(7)</script>' },
    });
    // Refused whole for its entry name; the refusal, naming the entry, is what the card's source table says.
    const iframe = join(dir, '[click me](javascript:alert(8)).zip');
    writeFileSync(iframe, zipSync({ 'trajectory.jsonl': strToU8('{}\n'), [IFRAME_ENTRY]: strToU8('x') }));
    const out = join(dir, 'dataset');
    expect(await main(['pack', evil, iframe, '--out', out])).toBe(0);

    const card = readFileSync(join(out, 'README.md'), 'utf8');
    const [, front, body] = card.split(/^---$/m);
    expect(front).not.toMatch(/alert|javascript|iframe|onerror|script|img/);
    expect(parseYaml(front!)).toMatchObject({ configs: [{ config_name: 'default' }, { config_name: 'sharegpt' }] });

    const md = renderer();
    const tokens = allTokens(md.parse(body!, {}));
    expect(tokens.filter((t) => t.type === 'html_block' || t.type === 'html_inline').map((t) => t.content)).toEqual([]);
    expect(tokens.filter((t) => t.type === 'image')).toEqual([]);
    for (const link of tokens.filter((t) => t.type === 'link_open')) expect(link.attrGet('href')).toMatch(/^https?:/);
    const html = md.render(body!);
    // Only the elements the card's own Markdown makes.
    expect([...elementsOf(html)].filter((t) => !['h1', 'h2', 'p', 'strong', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a'].includes(t))).toEqual([]);
    expect(html).not.toMatch(/javascript:[^<]*"/);
    // The names are still there to read, as text.
    expect(html).toContain('&lt;iframe src=javascript:alert(5)&gt;');
    expect(html).toContain('evil &lt;img src=x onerror=alert(6)&gt;.zip');
    expect(html).toContain('[click me](javascript:alert(8)).zip');
    // What should have been hashes is left out, and said.
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('alert(7)');
    expect(card).toContain('2 manifest value(s) that should be hashes were not');
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(stats.notHashes).toEqual([{ source: 'evil <img src=x onerror=alert(6)>.zip', field: 'config_hash' }, { source: 'evil <img src=x onerror=alert(6)>.zip', field: 'demonstrator_hash' }]);
    expect(stats.scrubConfigHashes).toEqual([]);
    for (const f of readdirSync(join(out, 'data'))) {
      const buf = readFileSync(join(out, 'data', f));
      const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), columns: ['scrub_config_hash', 'demonstrator_hash'] });
      for (const r of rows) expect(r).toEqual({ scrub_config_hash: null, demonstrator_hash: null });
    }
  });

  it('reads the same in YAML 1.1 (PyYAML, the Hub\'s reader): a page\'s <html lang="no"> or lang="yes" stays a language, not a boolean', () => {
    const empty = { tasks: 0, steps: 0, files: [] };
    const summary: PackSummary = {
      tasks: 1, steps: 5, screenshots: 0, splits: { train: { tasks: 1, steps: 5, files: [] }, validation: empty, test: empty },
      sources: [], domains: {}, languages: { no: 2, on: 1, yes: 1, off: 1 }, actionTypes: {}, scrubConfigHashes: [], rescrubbedWith: null,
      extensionVersions: [], duplicates: [], filtered: [], dialogues: [], notHashes: [],
    };
    const [, front] = datasetCard(summary, new Date(0)).split(/^---$/m);
    for (const version of ['1.1', '1.2'] as const) expect(parseYaml(front!, { version }).language).toEqual(['no', 'on', 'yes', 'off']);
  });
});
