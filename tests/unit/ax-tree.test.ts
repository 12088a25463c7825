// @vitest-environment happy-dom
// observation.axtree: the accessibility tree as text, built in the snapshot's own walk with dom_tree's ids,
// roles and names from dom-accessibility-api, scrubbed in the page and again at the worker's step boundary.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startSnapshotter } from './started-snapshotter';
import { ElementIds } from '../../src/content/element-ids';
import { passThroughRedactor, type Redactor } from '../../src/core/redactor';
import { assembleAxTree, AX_CLOSE, AX_ELEMENT, AX_OPEN, AX_TEXT, joinFrameAxTree } from '../../src/core/ax-tree-parts';
import { buildStep } from '../../src/core/build-step';
import { withAssembledTree } from '../../src/core/dom-tree-parts';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { StepSchema } from '../../src/core/schema';
import { validateExport } from '../../src/core/validate-export';
import { trajectoryLine } from '../../src/core/zip-layout';
import { stepDraft, step as fixtureStep } from './fixtures';

function setup(html: string, redactor: Redactor = passThroughRedactor) {
  document.body.innerHTML = html;
  const ids = new ElementIds();
  const snap = startSnapshotter(document, ids, redactor);
  return { ids, snap, id: (sel: string, root: ParentNode = document) => ids.idOf(root.querySelector(sel)!) };
}

const lines = (text: string): string[] => text.split('\n');

describe('axtree', () => {
  beforeEach(() => { document.head.innerHTML = '<title>t</title>'; });

  it('keeps roles, names from aria-label, <label> (for and wrapping) and aria-labelledby; collapses generic wrappers', () => {
    const { snap, id } = setup(`<nav aria-label="Main"><a href="/">Home</a> <div><div><input type="search" aria-label="Search products"></div></div></nav>
      <main><h2>Results</h2><p>Showing <b>3</b> of 40</p>
      <label for="qty">Quantity</label><input id="qty" type="number" value="2">
      <label>Gift wrap <input id="gift" type="checkbox" checked></label>
      <span id="when">Delivery date</span><input id="date" aria-labelledby="when" value="tomorrow" required>
      <button id="buy"><span>Buy</span> now</button>
      <select aria-label="Size"><option>S</option><option selected>M</option></select>
      <div hidden><button>gone</button></div><div style="display: none"><button>gone too</button></div>
      <div aria-hidden="true"><button>decor</button></div>
      <div tabindex="0">Focusable wrapper</div>
      <button disabled aria-expanded="false">More</button></main>`);
    const s = snap.snapshot();
    expect(lines(s.axtree)).toEqual([
      `[${id('html')}] document`,
      `  [${id('nav')}] navigation 'Main'`,
      `    [${id('a')}] link 'Home'`,
      `    [${id('input[type=search]')}] searchbox 'Search products'`,
      `  [${id('main')}] main`,
      `    [${id('h2')}] heading 'Results' level=2`,
      "    text 'Showing'",
      "    text '3'",
      "    text 'of 40'",
      "    text 'Quantity'",
      `    [${id('#qty')}] spinbutton 'Quantity' value='2'`,
      "    text 'Gift wrap'",
      `    [${id('#gift')}] checkbox 'Gift wrap' checked`,
      "    text 'Delivery date'",
      `    [${id('#date')}] textbox 'Delivery date' value='tomorrow' required`,
      `    [${id('#buy')}] button 'Buy now'`,
      `    [${id('select')}] combobox 'Size'`,
      `      [${id('option')}] option 'S'`,
      `      [${id('option:nth-child(2)')}] option 'M' selected`,
      `    [${id('[tabindex]')}] generic`,
      "      text 'Focusable wrapper'",
      `    [${id('button[disabled]')}] button 'More' collapsed disabled`,
    ]);
    // A button no label names was told so by an own `labels` for the library alone, gone again after.
    expect(Object.getOwnPropertyDescriptor(document.getElementById('buy')!, 'labels')).toBeUndefined();
    expect((document.getElementById('qty') as HTMLInputElement).labels!.length).toBe(1);
    // The same integer ids as dom_tree.
    for (const m of s.axtree.matchAll(/\[(\d+)\]/g)) expect(s.xml).toContain(` id="${m[1]}"`);
  });

  it('walks open shadow roots and a same-origin frame, with their ids', () => {
    const { snap, ids } = setup(`<my-card></my-card><iframe title="Checkout" srcdoc="<form aria-label='Pay'><input aria-label='Card holder'><button>Pay now</button></form>"></iframe>`);
    const host = document.querySelector('my-card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>Plan</h3><label for="seats">Seats</label><input id="seats" value="4"><button aria-labelledby="seats-hint">x</button><span id="seats-hint">Add a seat</span>';
    const frame = document.querySelector('iframe')!;
    // happy-dom loads no page into a frame, but a srcdoc it does (same origin, as about:srcdoc is).
    const doc = frame.contentDocument!;
    const ax = snap.snapshot().axtree;
    const idOf = (el: Element | null): number => ids.idOf(el!);
    expect(lines(ax)).toEqual([
      `[${idOf(document.documentElement)}] document`,
      `  [${idOf(shadow.querySelector('h3'))}] heading 'Plan' level=3`,
      "  text 'Seats'",
      `  [${idOf(shadow.querySelector('input'))}] textbox 'Seats' value='4'`,
      `  [${idOf(shadow.querySelector('button'))}] button 'Add a seat'`,
      "    text 'x'",
      "  text 'Add a seat'",
      `  [${idOf(frame)}] iframe 'Checkout'`,
      `    [${idOf(doc.documentElement)}] document`,
      `      [${idOf(doc.querySelector('form'))}] form 'Pay'`,
      `        [${idOf(doc.querySelector('input'))}] textbox 'Card holder'`,
      `        [${idOf(doc.querySelector('button'))}] button 'Pay now'`,
    ]);
  });

  it('follows a change to the element a name is read from (a label, an aria-labelledby target)', () => {
    const { snap, id } = setup('<label for="q">Find</label><input id="q"><span id="n">Old</span><button aria-labelledby="n later"></button>');
    expect(snap.snapshot().axtree).toContain(`[${id('#q')}] textbox 'Find'`);
    document.querySelector('label')!.textContent = 'Search orders';
    document.getElementById('n')!.textContent = 'New';
    snap.flush();
    let ax = snap.snapshot().axtree;
    expect(ax).toContain(`[${id('#q')}] textbox 'Search orders'`);
    expect(ax).toContain(`[${id('button')}] button 'New'`);
    // A label that comes, and one that goes.
    document.body.insertAdjacentHTML('beforeend', '<input id="z"><input id="w"><label for="w">Width</label>');
    snap.snapshot();
    document.body.insertAdjacentHTML('beforeend', '<label for="z">Zip</label>');
    document.querySelector('label[for="w"]')!.remove();
    snap.flush();
    ax = snap.snapshot().axtree;
    expect(ax).toContain(`[${id('#z')}] textbox 'Zip'`);
    expect(ax).toContain(`[${id('#w')}] textbox\n`);
    // An id named before it existed.
    document.body.insertAdjacentHTML('beforeend', '<span id="later">name</span>');
    snap.flush();
    ax = snap.snapshot().axtree;
    expect(ax).toContain(`[${id('button')}] button 'New name'`);
  });

  it('reads no live labels list: each root\'s labels are read once, so a form of many labelled fields costs one walk, not one per field', () => {
    const n = 300;
    const { snap, id } = setup(`<form>${Array.from({ length: n }, (_, i) => `<label for="f${i}">Field ${i}</label><input id="f${i}">`).join('')}
      <label>Wrapped <input type="hidden" name="h"><input id="w"></label><label for="h2">Hidden</label><input type="hidden" id="h2"></form>`);
    const labels = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'labels')!;
    let reads = 0;
    Object.defineProperty(HTMLInputElement.prototype, 'labels', { ...labels, get() { reads++; return labels.get!.call(this); } });
    try {
      const ax = snap.snapshot().axtree;
      expect(ax).toContain(`[${id('#f0')}] textbox 'Field 0'`);
      expect(ax).toContain(`[${id(`#f${n - 1}`)}] textbox 'Field ${n - 1}'`);
      // A wrapping label names its first labelable field (a hidden input is none); a label for a hidden input names nothing.
      expect(ax).toContain(`[${id('#w')}] textbox 'Wrapped'`);
      // Not one per field (302 before): the library still reads the live list of a field inside a label it reads.
      expect(reads).toBeLessThan(5);
    } finally {
      Object.defineProperty(HTMLInputElement.prototype, 'labels', labels);
    }
  });

  it('says which element has focus, and caps its size as dom_tree is capped', () => {
    const { snap, id } = setup(`<input id="a" aria-label="First"><ul>${'<li><a href="#">Row link</a></li>'.repeat(200)}</ul>`);
    (document.getElementById('a') as HTMLInputElement).focus();
    expect(snap.snapshot().axtree).toContain(`[${id('#a')}] textbox 'First' focused`);
    snap.configure([], '<REDACTED>', 2_000);
    const ax = snap.snapshot().axtree;
    expect(ax.length).toBeLessThanOrEqual(2_000);
    expect(ax).toMatch(/\n\[truncated \d+ chars\]$/);
  });

  it('keeps no value of a sensitive field and only the mask text of a masked element', () => {
    const { snap, id } = setup('<input type="password" aria-label="Password" value="hunter2"><div class="secret" role="region" aria-label="Account 1234"><p>Balance 99</p></div>');
    snap.configure(['.secret'], '<MASKED>', 1_000_000);
    const ax = snap.snapshot().axtree;
    expect(ax).not.toMatch(/hunter2|1234|Balance/);
    expect(ax).toContain(`[${id('.secret')}] region '<MASKED>'`);
  });

  it('no name carries a masked element\'s text or a sensitive field\'s value read from elsewhere (content, label, aria-labelledby, aria-owns, embedded field)', () => {
    const { snap, id } = setup(`<button id="pay">Pay <span class="secret">4929</span></button>
      <label for="q">Acct <b class="secret">77881</b></label><input id="q" value="x">
      <div class="secret" id="m">Balance 991234</div><button id="by" aria-labelledby="m">x</button>
      <a id="own" href="#" aria-owns="s1">go</a><span class="secret" id="s1">owned 5566</span>
      <span id="cv">Code <input name="cvv" value="987"></span><button id="emb" aria-labelledby="cv"></button>
      <span id="plain">Plan <input name="seats" value="4"></span><button id="ok" aria-labelledby="plain"></button>
      <span id="cc">Card code</span><input id="self" name="cvv" value="654" aria-labelledby="cc self"><label>Code <input id="wrapped" name="cvv" value="321"></label>`);
    snap.configure(['.secret'], '<MASKED>', 1_000_000);
    const ax = snap.snapshot().axtree;
    expect(ax).not.toMatch(/4929|77881|991234|5566|987|654|321/);
    // A field named by itself (accname's embedded control) reads its own value; a label around it does not.
    expect(ax).toContain(`[${id('#self')}] textbox '<REDACTED:credential>'`);
    expect(ax).toContain(`[${id('#wrapped')}] textbox 'Code'`);
    for (const sel of ['#pay', '#q', '#by', '#own']) expect(ax).toContain(`[${id(sel)}] ${sel === '#q' ? 'textbox' : sel === '#own' ? 'link' : 'button'} '<MASKED>'`);
    expect(ax).toContain(`[${id('#emb')}] button '<REDACTED:credential>'`);
    // A field that is not sensitive still names as accname says.
    expect(ax).toContain(`[${id('#ok')}] button 'Plan 4'`);
  });

  // happy-dom does not clobber (the form gets own properties here, as in dom-clobbering.test.ts), and its own
  // getComputedStyle then throws for the form's descendants (a clobbered getRootNode): the library throws, and
  // the names come from the fallback read through dom-safe. In a browser the library reads these elements unharmed.
  it('terminates on a form whose controls clobber DOM properties, with the form and its controls', () => {
    const CLOBBERED = ['parentNode', 'firstChild', 'lastChild', 'nextSibling', 'previousSibling', 'childNodes', 'children',
      'nodeName', 'localName', 'tagName', 'attributes', 'getRootNode', 'shadowRoot', 'host', 'ownerDocument', 'nodeType', 'isConnected', 'labels'];
    const { snap, id } = setup(`<form aria-label="Sign up">${CLOBBERED.map((n) => `<input type="hidden" name="${n}">`).join('')}
      <label>Name <input id="who" name="who"></label><button type="button">Go</button></form>`);
    const form = document.querySelector('form')!;
    for (const name of CLOBBERED) Object.defineProperty(form, name, { value: form.querySelector(`input[name="${name}"]`), configurable: true });
    expect((form as unknown as { parentNode: Node }).parentNode.parentNode).toBe(form);
    const ax = snap.snapshot().axtree;
    expect(ax).toContain(`[${id('#who')}] textbox 'Name'`);
    expect(ax).toContain(`[${id('button')}] button 'Go'`);
    // A change inside the form climbs from it and rebuilds the names it gives.
    form.querySelector('label')!.firstChild!.textContent = 'Full name ';
    snap.flush();
    expect(snap.snapshot().axtree).toContain(`[${id('#who')}] textbox 'Full name'`);
  });

  it('scrubs names, text and values in the page (e-mail, card number)', () => {
    const scrubber = createScrubber(defaultConfig(), null);
    const { snap } = setup(`<button aria-label="Mail ops-lead@example-corp.net">x</button><label for="c">Card 4111 1111 1111 1111</label><input id="c" value="4111 1111 1111 1111">
      <p>Write to ops-lead@example-corp.net</p>`, scrubber);
    const ax = snap.snapshot().axtree;
    expect(ax).not.toMatch(/ops-lead|4111 1111/);
    expect(ax).toMatch(/button 'Mail <[A-Z_:]+>'/);
  });

  it('names nested elements by their content, each cut at the text limit, without reading each subtree again', () => {
    // 1,000 nested role=button elements took 8.9 s to name in happy-dom (each asked the library for its whole
    // subtree); now 0.6 s. A named child stands for its subtree, as in a name from content.
    const { snap, id } = setup('<div role="button" id="a">one <div role="button" id="b">two <div role="button" id="c">three</div></div></div>');
    const ax = snap.snapshot().axtree;
    expect(ax).toContain(`[${id('#a')}] button 'one two three'`);
    expect(ax).toContain(`[${id('#b')}] button 'two three'`);
    expect(ax).toContain(`[${id('#c')}] button 'three'`);
    // happy-dom resolves an element's computed style by walking every ancestor's rules again, uncached: the
    // snapshot's one display read per block (laidOutInLine) made this 400-deep page take 3.5 s in it, which a
    // browser does once per layout. This test is about naming: the style read here is the default one.
    const plain = { display: 'block', visibility: 'visible', getPropertyValue: (p: string) => (p === 'display' ? 'block' : p === 'visibility' ? 'visible' : '') };
    const styles = vi.spyOn(window, 'getComputedStyle').mockReturnValue(plain as unknown as CSSStyleDeclaration);
    const deep = setup(`${'<div role="button">word '.repeat(400)}${'</div>'.repeat(400)}`).snap.snapshot().axtree;
    styles.mockRestore();
    const first = /button '([^']*)'/.exec(deep)![1]!;
    expect(first.length).toBeLessThanOrEqual(300);
    expect(first.startsWith('word word')).toBe(true);
  });

  it('names an element by its content as the page\'s structure scrubbed it, and a value split over elements as one', () => {
    // A cell's name is its text, which only its column says is a person's (e2e privacy-world: the cell's name
    // kept what its text line and dom_tree had scrubbed); a link to a profile is an author; a card split in spans.
    const scrubber = createScrubber(defaultConfig(), defaultEntityRecognizer());
    const { snap } = setup(`<table><tr><th>Kunde</th><th>Status</th></tr><tr><td>Jürgen Oberhuber</td><td>Aktiv</td></tr></table>
      <p>profile <a href="/users/7">kwame.asante</a></p>
      <button id="pay">Pay <span>4111 1111</span> <span>1111 1111</span></button>`, scrubber);
    const s = snap.snapshot();
    expect(s.xml).not.toMatch(/Oberhuber|kwame/);
    expect(s.axtree).not.toMatch(/Oberhuber|kwame|4111 1111 1111 1111/);
    expect(s.axtree).toMatch(/cell 'Aktiv'/);
    expect(s.axtree).toMatch(/cell '<REDACTED>'/);
    expect(s.axtree).toMatch(/button 'Pay <[^']+'/);
    expect(s.axtree).not.toMatch(/4111/);
  });
});

describe('axtree at the step boundary and in the schema', () => {
  const scrubber = createScrubber(defaultConfig(), null);

  it('a name holding an e-mail or a card number comes out of the stored step redacted', () => {
    const axTree = "[1] document\n  [5] button 'Mail ops-lead@example-corp.net'\n  [6] textbox 'Card' value='4111 1111 1111 1111'\n  text 'Call 4111 1111 1111 1111'";
    const s = buildStep({ draft: stepDraft({ axTree }), seq: 1, tabId: 1, frameId: 0, image: null, scrubber }).step;
    expect(s.observation.axtree).toBeDefined();
    expect(s.observation.axtree).not.toMatch(/ops-lead|4111 1111/);
    expect(s.observation.axtree).toMatch(/^\[1\] document\n {2}\[5\] button 'Mail <[^>]+>'\n {2}\[6\] textbox 'Card' value='<[^>]+>'/);
    expect(StepSchema.safeParse(s).success).toBe(true);
  });

  it('a step without axtree (recorded before it existed) is still valid, and one with it too', () => {
    expect(StepSchema.safeParse(fixtureStep(1)).success).toBe(true);
    const withAx = fixtureStep(1);
    withAx.observation.axtree = "[1] document\n  [42] button 'Add to cart'";
    expect(StepSchema.safeParse(withAx).success).toBe(true);
    expect(buildStep({ draft: stepDraft(), seq: 1, tabId: 1, frameId: 0, image: null, scrubber }).step.observation).not.toHaveProperty('axtree');
  });

  it('validate accepts an export whose steps carry axtree beside ones that do not', () => {
    const withAx = fixtureStep(2);
    withAx.observation.axtree = "[1] document\n  [42] button 'Add to cart'";
    const line = trajectoryLine(withAx);
    expect(line).toContain('"axtree":"[1] document\\n');
    const r = validateExport({
      files: new Set([fixtureStep(1).observation.screenshot_path!, withAx.observation.screenshot_path!]),
      trajectory: `${trajectoryLine(fixtureStep(1))}\n${line}\n`,
      manifest: JSON.stringify({ counts: { tasks: 1, steps: 2 } }),
    });
    expect(r).toEqual({ ok: true, errors: [], steps: 2, tasks: 1 });
  });
});

describe('axtree parts', () => {
  it('indents by nesting marks, marks the focused line and cuts at a line', () => {
    const marked = `${AX_ELEMENT}[1] document${AX_OPEN}${AX_ELEMENT}[2] main${AX_OPEN}${AX_TEXT}'Hi'${AX_ELEMENT}[3] button 'Go'${AX_CLOSE}${AX_CLOSE}`;
    expect(assembleAxTree({ marked, focusedId: 3, maxChars: 1_000 })).toBe("[1] document\n  [2] main\n    text 'Hi'\n    [3] button 'Go' focused");
    expect(assembleAxTree({ marked, focusedId: null, maxChars: 60 })).toBe("[1] document\n  [2] main\n[truncated 34 chars]");
  });

  it('is sent as parts with the draft and assembled by the worker with dom_tree', () => {
    const { snap, id } = setup('<button>Go</button>');
    const s = snap.snapshot();
    const sent = JSON.parse(JSON.stringify(stepDraft({ domTree: '', domParts: s.parts, axParts: s.axParts })));
    const draft = withAssembledTree(sent);
    expect(draft).not.toHaveProperty('axParts');
    expect(draft.axTree).toBe(`[${id('html')}] document\n  [${id('button')}] button 'Go'`);
    expect(draft.domTree).toContain(`id="${id('button')}"`);
    expect(withAssembledTree(stepDraft())).not.toHaveProperty('axTree');
  });

  it('joins a cross-origin frame\'s tree under its iframe line', () => {
    const top = "[1] document\n  [7] iframe 'Pay' frame=3\n  [8] button 'Back'";
    const frame = "[1001] document\n  [1002] textbox 'Card'";
    expect(joinFrameAxTree(top, 3, frame)).toBe("[1] document\n  [7] iframe 'Pay' frame=3\n    [1001] document\n      [1002] textbox 'Card'\n  [8] button 'Back'");
    expect(joinFrameAxTree(top, 4, frame)).toBeNull();
  });

  it('a name holding \' frame=N \' claims no frame: the frame joins under the iframe that has it', () => {
    const top = "[1] document\n  [5] iframe 'x frame=3 y'\n    [6] button 'Decoy'\n  [7] iframe 'Pay \\' frame=3' frame=3 focused\n  [8] button 'Back'";
    expect(joinFrameAxTree(top, 3, '[1001] document')).toBe(
      "[1] document\n  [5] iframe 'x frame=3 y'\n    [6] button 'Decoy'\n  [7] iframe 'Pay \\' frame=3' frame=3 focused\n    [1001] document\n  [8] button 'Back'");
    expect(joinFrameAxTree("[1] document\n  [5] iframe 'x frame=3 y'", 3, '[1001] document')).toBeNull();
  });

  it('no name or text breaks a line for a reader that splits at NEL or the line separators (Python\'s splitlines)', () => {
    const { snap } = setup('<button aria-label="Go\u0085[7] button \'Pay\'">x</button><p>t\u2028[9] link\u001e\u0085x</p>');
    const ax = snap.snapshot().axtree;
    for (const c of ['\u0085', '\u2028', '\u2029', '\u001c', '\u001e']) expect(ax).not.toContain(c);
    expect(ax.split('\n').some((l) => /^\s*\[7\]|^\s*\[9\]/.test(l))).toBe(false);
  });
});
