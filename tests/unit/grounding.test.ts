import { describe, expect, it } from 'vitest';
import { axRoles, domBoxes, groundingRows, visibleBox } from '../../src/core/grounding';
import { GROUNDING_FORMAT } from '../../src/core/formats/registry';
import { step } from './fixtures';

const DOM = [
  '<html id="1"><body id="2">',
  '<button id="42" class="x" title="a &quot;>&quot; sign" bbox="10,20,100,30">Add to cart</button>',
  '<a id="43" href="/a" bbox="200,20,50,20">Help</a>',
  '<input id="44" type="email" bbox="10,100,200,24"/>',
  '<button id="45" bbox="10,700,80,300">Below</button>',
  '<button id="46" bbox="400,20,40,20">Delete</button><button id="47" bbox="400,60,40,20">Delete</button>',
  '<div id="48" role="button" tabindex="0" bbox="10,20,100,30"><span id="49">Add to cart</span></div>',
  '<button id="50" bbox="-30,300,40,20">Mostly off</button>',
  '<div id="51" tabindex="0" bbox="600,20,40,20"></div>',
  '</body></html>',
].join('');
const AX = [
  '[1] document',
  '  [42] button \'Add to cart\'',
  '  [43] link \'Help\'',
  '  [44] textbox \'<EMAIL>\' value=\'<REDACTED:credential>\'',
  '  [45] button \'Below\'',
  '  [46] button \'Delete\'',
  '  [47] button \'Delete\'',
  '  [48] button \'Add to cart\'',
  '  [50] button \'Mostly off\'',
  '  [51] generic',
  '    text \'it\\\'s\'',
].join('\n');

const s = step(1, { observation: { ...step(1).observation, dom_tree: DOM, axtree: AX } });

describe('grounding rows', () => {
  it('reads boxes from dom_tree (quoted values skipped) and roles from the axtree', () => {
    expect(domBoxes(DOM).get(42)).toEqual({ x: 10, y: 20, width: 100, height: 30 });
    expect(domBoxes(DOM).size).toBe(9);
    expect(axRoles("  [7] button 'it\\'s'").get(7)).toEqual({ role: 'button', name: "it's" });
  });

  it('gives each visible named element once, pixels and fractions, the acted-on one also with the thought', () => {
    const rows = groundingRows(s);
    expect(rows.map((r) => r.instruction)).toEqual(["button 'Add to cart'", "link 'Help'", "Click the 'Add to cart' button."]);
    const [cart, help, thought] = rows;
    expect(cart).toMatchObject({ element_id: 42, acted_on: true, source: 'element', box: [10, 20, 110, 50], box_normalized: [0.0078, 0.025, 0.0859, 0.0625] });
    expect(help).toMatchObject({ element_id: 43, acted_on: false, box: [200, 20, 250, 40] });
    expect(thought).toMatchObject({ element_id: 42, source: 'thought', box: cart!.box, id: `${s.task_id}:1:42:thought` });
  });

  it('leaves out redacted names, ambiguous names, elements off the screenshot, nameless ones', () => {
    const ids = groundingRows(s).map((r) => r.element_id);
    for (const out of [44, 45, 46, 47, 50, 51]) expect(ids).not.toContain(out);
  });

  it('grounds nothing on a screenshot that is not fresh: a stand-in or an older frame need not show these boxes', () => {
    expect(groundingRows(s).length).toBeGreaterThan(0);
    const stale = step(1, { observation: { ...s.observation, screenshot_fresh: false } });
    expect(stale.observation.screenshot_path).toBe(s.observation.screenshot_path);
    expect(groundingRows(stale)).toEqual([]);
  });

  it('clips a box to the screenshot and refuses one mostly off it', () => {
    expect(visibleBox({ x: -10, y: 10, width: 100, height: 20 }, 1280, 800)).toEqual([0, 10, 90, 30]);
    expect(visibleBox({ x: -80, y: 10, width: 100, height: 20 }, 1280, 800)).toBeNull();
    expect(visibleBox({ x: 0, y: 0, width: 0, height: 20 }, 1280, 800)).toBeNull();
  });

  it('falls back to the target for a step without an axtree, and gives nothing without a screenshot', () => {
    const rows = groundingRows(step(2));
    expect(rows.map((r) => [r.element_id, r.instruction])).toEqual([[42, "button 'Add to cart'"], [42, "Click the 'Add to cart' button."]]);
    expect(groundingRows(step(3, { observation: { ...step(3).observation, screenshot_path: null } }))).toEqual([]);
  });

  it('leaves out a thought holding a redaction', () => {
    expect(groundingRows(step(2, { thought_trace: 'Write to <EMAIL>' })).map((r) => r.source)).toEqual(['element']);
  });

  it('writes one line per screenshot that its check accepts, and one Parquet row with flat box fields', () => {
    const line = GROUNDING_FORMAT.line(s)!;
    expect(line).toMatchObject({ id: `${s.task_id}:1`, image: s.observation.screenshot_path, image_width: 1280, image_height: 800 });
    expect(GROUNDING_FORMAT.check(JSON.parse(JSON.stringify(line)), 'g:1', { files: new Set([line.image]) })).toEqual([]);
    expect(GROUNDING_FORMAT.check({ ...line, elements: [{ ...line.elements[0]!, box: [0, 0, 2000, 10] }] }, 'g:1', { files: new Set([line.image]) }))
      .toEqual(["g:1: element 0's box is not on the 1280x800 screenshot"]);
    const row = GROUNDING_FORMAT.parquet.row(line, new Uint8Array([1]));
    expect((row.elements as Record<string, unknown>[])[0]).toMatchObject({ x1: 10, y1: 20, x2: 110, y2: 50, x1_norm: 0.0078, instruction: "button 'Add to cart'" });
    expect(GROUNDING_FORMAT.parquet.columns.map((c) => c.name)).toEqual(Object.keys(row).sort((a, b) => GROUNDING_FORMAT.parquet.columns.findIndex((c) => c.name === a) - GROUNDING_FORMAT.parquet.columns.findIndex((c) => c.name === b)));
  });

  it('reads a hostile dom_tree in linear time and grounds no box that is not a number', () => {
    // '.' and '1.2.3' match the bbox's digits-and-dots but are NaN, which had come out as a [NaN, y, NaN, y] box.
    expect(visibleBox({ x: Number('1.2.3'), y: 0, width: 10, height: 10 }, 100, 100)).toBeNull();
    const bad = step(1, { observation: { ...step(1).observation, dom_tree: '<button id="42" bbox=".,20,100,30">Add</button>', axtree: "[42] button 'Add'" } });
    expect(groundingRows(bad)).toEqual([]);
    // Tags that never close: each one's match had run to the end of the string (320 KB: 4.9 s). The pattern
    // reads each character of the tree once at most, however the tags are broken.
    const hostile = ['<a id="1" b="x" ', '<a', '<a id="1" x="', '<a id="1" b="x" bbox="1,2,', '<a id="1" x=" bbox="1,2,3,4"', '<a id="1" bbox='];
    for (const tree of hostile.map((unit) => unit.repeat(320_000 / unit.length))) {
      const scan = { read: 0 };
      expect(domBoxes(tree, scan).size).toBe(0);
      expect(scan.read).toBeLessThanOrEqual(tree.length);
    }
    // And a well-formed tree still has each of its boxes read, counted once.
    const scan = { read: 0 };
    expect(domBoxes(DOM, scan).size).toBe(9);
    expect(scan.read).toBeGreaterThan(0);
    expect(scan.read).toBeLessThanOrEqual(DOM.length);
  });

  it('reads one huge tag without running out of stack', () => {
    // The lazy pattern between id and bbox kept a backtracking entry per character: one tag holding 10 MB of
    // spaces (or of short quoted values) threw 'Maximum call stack size exceeded' out of pack and format.
    for (const filler of [' ', ' x="y"']) {
      const tree = `<a id="7"${filler.repeat(10_000_000 / filler.length)} bbox="1,2,30,40">x</a>`;
      expect(domBoxes(tree).get(7)).toEqual({ x: 1, y: 2, width: 30, height: 40 });
    }
  });

  it('reads an axtree name of 10 MB without running out of stack', () => {
    // AX_LINE's (?:[^'\\]|\\.)* threw 'Maximum call stack size exceeded' on a 10 MB name (format, pack).
    const name = 'a'.repeat(10_000_000);
    expect(axRoles(`[7] button '${name}'\n[8] link 'it\\'s'\n[9] text 'never closed`)).toEqual(new Map([
      [7, { role: 'button', name }], [8, { role: 'link', name: "it's" }], [9, { role: 'text', name: '' }],
    ]));
  });
});
