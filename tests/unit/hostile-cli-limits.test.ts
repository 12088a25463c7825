// A hostile or corrupt zip against --max-field-chars (scrub, pack --config) and what scrub makes of the fields it
// lets through. The limit is per field: a field under it must cost time in its size, and every character of it must
// come out scrubbed. The trees are where a zip can do most: dom_tree is read by regexes and axtree against it.
// Tests that guard against a quadratic path do not time it: the input is sized so that the quadratic path would run
// for minutes (measured by hand, in each test's comment) and a linear one for well under a second, so before a fix
// the test hangs until vitest's timeout, and after it passes; where the work is countable, it is counted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { inBatches } from '../../src/core/export-writer';
import { runCli, writeExportFile } from './cli-run';
import type { Step } from '../../src/core/schema';
import type { Manifest } from '../../src/core/zip-layout';
import { validateExport } from '../../src/core/validate-export';
import { taskExamples } from '../../src/core/formatters';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { parseScrubConfig } from '../../src/core/scrub/config';
import { scrubStepFields } from '../../src/core/scrub/step-fields';
import { defaultEntityRecognizer } from '../../src/core/scrub/cued-entities';
import { TASK_ID, step, task } from './fixtures';
import { loaded } from './quick-scrubber';

// The scrubber without its NER (the rules here are patterns): quick, and its loading is seen.
vi.mock('../../src/cli/load-scrubber', (real) => import('./quick-scrubber').then((m) => m.quickLoader(real)));

const { tasksOf, trajectoryOf } = await import('../../src/cli/zip-input');
const CONFIG = join(import.meta.dirname, '../../config/scrubber.yaml');
const parsed = parseScrubConfig(readFileSync(CONFIG, 'utf8'));
if (!parsed.ok) throw new Error('config/scrubber.yaml is invalid');
const scrubber = createScrubber(parsed.config, null);
const EMAIL = 'ops-lead@example-corp.net';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-hostile-limits-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportOf(name: string, edit: (s: Step) => Step): Promise<string> {
  return writeExportFile(join(dir, name), {
    tasks: [task({ stepCount: 2 })],
    steps: () => inBatches([1, 2].map((i) => ({ step: edit(step(i, { observation: { ...step(i).observation, screenshot_path: null } })), imageId: null, redactions: {} }))),
    image: async () => new Uint8Array(),
  });
}

const run = runCli;

const withDom = (dom_tree: string, axtree?: string) => (s: Step): Step => ({ ...s, observation: { ...s.observation, dom_tree, ...(axtree === undefined ? {} : { axtree }) } });

describe('scrub: a dom_tree under --max-field-chars is read in time linear in its size', () => {
  // By hand, before: `a>` repeated, 40,000 characters, 1.1 s (20,000: 0.29 s), so 400,000 about 110 s and the
  // 4,000,000 the limit lets through about three hours (`>([^<]+)<` scanned to the end from every `>`).
  it('a tree of `>` with no `<` after them', () => {
    const dom = `<html id="1"><body id="2">x</body></html>${'a>'.repeat(200_000)}`;
    const out = scrubStepFields(withDom(dom)(step(1)), scrubber, {});
    expect(out.observation.dom_tree).toHaveLength(dom.length);
  });

  // Before: `<a` repeated, 40,000 characters, 0.5 s (20,000: 0.16 s): the inline-run tokenizer's `[^>]*?` went to
  // the end of the tree from every `<`; 400,000 took 11.7 s in this test, so 800,000 about 45 s (after: 0.7 s).
  it('a tree of `<` with no `>` after them', () => {
    const dom = `<html id="1"><body id="2">x</body></html>${'<a'.repeat(400_000)}`;
    const out = scrubStepFields(withDom(dom)(step(1)), scrubber, {});
    expect(out.observation.dom_tree).toBe(dom);
  });

  // Before: every named axtree line of an element was tried against every edit under it; one id named on 30,000
  // lines and 3,300 split addresses under it (two trees of 400,000 characters together) took 1.3 s, and two of
  // 4,000,000 minutes. Counted here: String.prototype.includes, the try.
  it('one element named on line after line, with many split values under it: each edit is tried a bounded number of times', () => {
    const runs = 500;
    const dom = `<html id="1"><body id="2"><div id="5">${'<span id="6">jane.doe</span><span id="7">@example.com</span><br/>'.repeat(runs)}</div></body></html>`;
    const lines = 2_000;
    const axtree = Array.from({ length: lines }, (_, i) => `[5] link 'jane.doe ${i}'`).join('\n');
    const includes = vi.spyOn(String.prototype, 'includes');
    let out: Step;
    let tries: number;
    try {
      out = scrubStepFields(withDom(dom, axtree)(step(1)), scrubber, {});
    } finally {
      tries = includes.mock.calls.length;
      includes.mockRestore();
    }
    // The 500 changed pieces are each kept for their 4 ancestors: a tree the extension writes (each id named on one
    // line) tries each at most that often, 2,000 tries. Before: every line tried every edit, 2,000 x 500 (and
    // about 34,000 calls here are the rest of the scrub's).
    expect(tries).toBeLessThan(100_000);
    // And no name of it keeps the address's first half as it was (edited, or replaced whole past the bound).
    expect(out.observation.axtree!.split('\n')).toHaveLength(lines);
    expect(out.observation.axtree).not.toContain('jane.doe');
    expect(out.observation.dom_tree).not.toContain('jane.doe');
  });
});

describe('scrub: every character of a dom_tree outside its tags comes out scrubbed', () => {
  // Before: the text pass read only text between a `>` and a `<`, and the attribute pass only ` name="value"`, so
  // text before the first tag, after the last one, and inside something that is no tag, was written out as it was.
  it('text before the first tag, after the last, and inside a broken tag', async () => {
    const trees = [
      `${EMAIL} <html id="1"><body id="2"><button id="42">Add to cart</button></body></html>`,
      `<html id="1"><body id="2"><button id="42">Add to cart</button></body></html> ${EMAIL}`,
      `<html id="1"><body id="2"><b ${EMAIL} <button id="42">Add to cart</button></body></html>`,
      `<html id="1"><body id="2" title="a>${EMAIL}"><button id="42">Add to cart</button></body></html>`,
    ];
    for (const [i, tree] of trees.entries()) {
      const input = await exportOf(`outside-${i}.zip`, withDom(tree));
      const output = join(dir, `outside-${i}-out.zip`);
      expect((await run(['scrub', input, output, '--text-only', '--config', CONFIG])).status).toBe(0);
      const { exp, text } = await trajectoryOf(output);
      try {
        expect(text).toHaveLength(2);
        for (const line of text) {
          const s = JSON.parse(line) as Step;
          expect(s.observation.dom_tree, tree).not.toContain('ops-lead');
          // The markup stays: the button is still there for its element id.
          expect(s.observation.dom_tree).toContain('<button id="42">Add to cart</button>');
        }
      } finally {
        await exp.close();
      }
    }
  });

  it('a tree the snapshot writes is scrubbed as before: text and attribute values, markup and our ids kept', () => {
    const dom = `<html id="1"><body id="2"><a id="3" href="/u?token=Zq8RkT2vLm9XwN4pQ7x" title="${EMAIL}">Mail ${EMAIL} &amp; more</a><img id="4" bbox="1,2,3,4"/></body></html>`;
    const out = scrubStepFields(withDom(dom)(step(1)), scrubber, {}).observation.dom_tree;
    expect(out).not.toContain('ops-lead');
    expect(out).not.toContain('Zq8RkT2v');
    expect(out).toMatch(/^<html id="1"><body id="2"><a id="3" href="\/u\?token=[^"]+" title="[^"]+">Mail [^<]+ &amp; more<\/a><img id="4" bbox="1,2,3,4"\/><\/body><\/html>$/);
  });
});

describe('--max-field-chars: what the flag takes', () => {
  it.each(['-1', '0', 'NaN', '1e999', 'Infinity', '1.5', '', '99999999999999999999'])('refuses %j with a message naming the flag, before reading the zip', async (value) => {
    loaded.length = 0;
    const r = await run(['scrub', join(dir, 'absent.zip'), join(dir, 'never.zip'), '--text-only', '--config', CONFIG, `--max-field-chars=${value}`]);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('--max-field-chars');
    expect(r.out).not.toContain('absent.zip');
    expect(loaded).toEqual([]);
    expect(existsSync(join(dir, 'never.zip'))).toBe(false);
  });

  it('the same values given as a separate argument are refused the same way', async () => {
    const r = await run(['scrub', join(dir, 'absent.zip'), join(dir, 'never.zip'), '--max-field-chars', '-1']);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('--max-field-chars');
  });
});

describe('commands that do not scrub read a field over --max-field-chars', () => {
  it('validate and stats accept it; scrub refuses it, naming it', async () => {
    const input = await exportOf('long-thought.zip', (s) => (s.step_id === 1 ? { ...s, thought_trace: `${EMAIL} ${'parcel shipped '.repeat(100)}` } : s));
    expect((await run(['validate', input, '--max-field-chars', '100'])).status).toBe(0);
    expect((await run(['stats', input, '--max-field-chars', '100'])).status).toBe(0);
    const r = await run(['scrub', input, join(dir, 'long-out.zip'), '--text-only', '--config', CONFIG, '--max-field-chars', '100']);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`--max-field-chars 100 exceeded by thought_trace of step 1 of task ${TASK_ID} (1,526 characters)`);
  });
});

describe("a manifest that is not the manifest's shape", () => {
  /** The export of exportOf with its manifest.json's tasks replaced by `tasks`. */
  async function withTasks(name: string, tasks: (listed: Record<string, unknown>[]) => unknown): Promise<string> {
    const files = unzipSync(readFileSync(await exportOf(`${name}-src.zip`, (s) => s)));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { tasks: Record<string, unknown>[] };
    const path = join(dir, name);
    writeFileSync(path, zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify({ ...manifest, tasks: tasks(manifest.tasks) })) }));
    return path;
  }

  // Before: the scrubber reads strings; an instruction written as a list came out as it was, in the rewritten
  // manifest and in every dialogue, and a list's length (its items) passed --max-field-chars whatever it held.
  it('an instruction written as a list never comes out unscrubbed; validate names it', async () => {
    const input = await withTasks('listed-instruction.zip', (listed) => listed.map((t) => ({ ...t, instruction: [`mail ${EMAIL}`] })));
    const output = join(dir, 'listed-instruction-out.zip');
    expect((await run(['scrub', input, output, '--text-only', '--config', CONFIG])).status).toBe(0);
    const written = unzipSync(readFileSync(output));
    expect(Object.keys(written)).toContain('sharegpt.jsonl');
    for (const [name, bytes] of Object.entries(written)) expect(strFromU8(bytes), name).not.toContain('ops-lead');
    const v = await run(['validate', input]);
    expect(v.status).toBe(1);
    expect(v.out).toContain(`manifest.json: task ${TASK_ID}: instruction is not a text`);
  });

  // Before: 'manifest?.tasks.find is not a function' (format, scrub) and validate said OK.
  it.each([['a number', 5], ['null', null], ['an object', { [TASK_ID]: {} }]])('tasks as %s: format and scrub read the zip, validate says what is wrong', async (_, tasks) => {
    const input = await withTasks(`tasks-${String(_).replace(/\W/g, '')}.zip`, () => tasks);
    expect((await run(['format', input, '--out', join(dir, `fmt-${String(_).replace(/\W/g, '')}`)])).status).toBe(0);
    expect((await run(['scrub', input, join(dir, `tasks-out-${String(_).replace(/\W/g, '')}.zip`), '--text-only', '--config', CONFIG])).status).toBe(0);
    const v = await run(['validate', input]);
    expect(v.status).toBe(1);
    expect(v.out).toContain('manifest.json: tasks is not a list');
  });
});

describe("a final state under a name that is not its task's own", () => {
  const state = (taskId: string): Uint8Array => strToU8(JSON.stringify({ task_id: taskId, timestamp: 1, tab_id: 1, after_step: 2, observation: { ...step(2).observation, screenshot_path: null, dom_tree: `<html id="1"><body id="2">${EMAIL}</body></html>` } }));
  async function withEntries(name: string, entries: Record<string, Uint8Array>): Promise<string> {
    const files = unzipSync(readFileSync(await exportOf(`${name}-src.zip`, (s) => s)));
    const path = join(dir, name);
    writeFileSync(path, zipSync({ ...files, ...entries }));
    return path;
  }
  async function finalStates(path: string): Promise<number> {
    const r = await run(['stats', path, '--json']);
    expect(r.status).toBe(0);
    return (JSON.parse(r.out) as { final_states: number }).final_states;
  }

  // Held before and after (f31f1e4's finalOf): only final/<task>.json holding that task's id is its final state.
  it('is no final state of the task: stats counts none, scrub writes none; under its own name it is one', async () => {
    const upper = TASK_ID.toUpperCase();
    // A Cyrillic 'е' (U+0435) for the Latin 'e' of the id: the same to a reader, another name to the zip.
    const alike = TASK_ID.replace('e', '\u0435');
    const odd = await withEntries('odd-finals.zip', {
      [`final/${TASK_ID}.json.png`]: state(TASK_ID), [`final/${upper}.json`]: state(upper), [`final/${alike}.json`]: state(alike),
      [`final/${TASK_ID}/x.json`]: state(TASK_ID), [`final/${upper}.json.json`]: state(TASK_ID),
    });
    expect(await finalStates(odd)).toBe(0);
    const output = join(dir, 'odd-finals-out.zip');
    expect((await run(['scrub', odd, output, '--text-only', '--config', CONFIG])).status).toBe(0);
    const written = unzipSync(readFileSync(output));
    expect(Object.keys(written).filter((f) => f.startsWith('final/'))).toEqual([]);
    for (const [name, bytes] of Object.entries(written)) expect(strFromU8(bytes), name).not.toContain('ops-lead');

    const own = await withEntries('own-final.zip', { [`final/${TASK_ID}.json`]: state(TASK_ID) });
    expect(await finalStates(own)).toBe(1);
    const ownOut = join(dir, 'own-final-out.zip');
    expect((await run(['scrub', own, ownOut, '--text-only', '--config', CONFIG])).status).toBe(0);
    const ownWritten = unzipSync(readFileSync(ownOut));
    expect(Object.keys(ownWritten)).toContain(`final/${TASK_ID}.json`);
    expect(strFromU8(ownWritten[`final/${TASK_ID}.json`]!)).not.toContain('ops-lead');
  });
});

describe('scrub: a text field under --max-field-chars is read by the NER in time linear in its size', () => {
  // The NER the CLI loads (cued-entities), without the CLI: these inputs are sized so that the quadratic paths took
  // about a minute by hand and the linear ones take a second or two; the timeout is the hang guard, nothing is timed.
  const ner = defaultEntityRecognizer();

  // Before: each person cue ('Name:') looked for the token after it from the first token: 'Name: ' repeated over
  // 400,000 characters took 2.0 s, 800,000 6.2 s, so 2,400,000 about 56 s (after: 0.3 s for 800,000).
  it('a cue repeated: each finds the token after it by halving', { timeout: 30_000 }, () => {
    const text = 'Name: '.repeat(400_000);
    expect(() => ner.find(text, ['person', 'place', 'organization'])).not.toThrow();
  });

  // Before: each line was checked against every person found, one per line here: 'Ann Roe\n' repeated over 200,000
  // characters took 2.5 s, 800,000 26 s, so 1,200,000 about a minute (after: 0.9 s for 800,000).
  it('a person on every line: a line is checked against them by halving', { timeout: 30_000 }, () => {
    const text = 'Ann Roe\n'.repeat(150_000);
    const found = ner.find(text, ['person', 'place', 'organization']);
    expect(found.filter((s) => s.type === 'person').length).toBeGreaterThan(0);
  });

  it('a company line between a person and a street is still found', () => {
    const text = 'Ann Roe\nDirector\nNorthwind Traders\n12 Main Street\n';
    const orgs = ner.find(text, ['person', 'place', 'organization']).filter((s) => s.type === 'organization');
    expect(orgs.map((s) => text.slice(s.start, s.end))).toEqual(['Northwind Traders']);
  });
});

describe('a zip of many steps or many tasks, each small: read in time linear in their number', () => {
  // Sized so that the quadratic paths ran about a minute by hand and the linear ones well under a second; the
  // timeout is the hang guard, nothing is timed.

  // Before: a task's steps were gathered by copying its list at each step (validate, pack, replay): 25,000 steps of
  // one task 2.8 s, 50,000 15 s, so 100,000 about a minute (and the million --max-lines lets through, hours).
  it('validate: 100,000 steps of one task', { timeout: 20_000 }, () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => step(i + 1, { observation: { ...step(1).observation, screenshot_path: null } }));
    const report = validateExport({ files: new Set(), trajectory: { steps, errors: [] }, manifest: null });
    expect(report.errors).toEqual([]);
  });

  // Before: each task's manifest entry was found by a walk over the list: 20,000 tasks took 2.2 s in tasksOf,
  // 100,000 54 s (format, scrub, replay and pack alike). Now the entries are a map, made once: 100,000 in 84 ms.
  it('tasksOf: 100,000 tasks listed in the manifest', { timeout: 20_000 }, () => {
    const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const n = 100_000;
    const listed = Array.from({ length: n }, (_, i) => ({ task_id: id(i), instruction: `task ${i}`, status: 'review', created_at: '2026-01-01T00:00:00Z' }));
    // The first entry of an id listed twice is the one read, as a find over the list gave.
    listed.push({ ...listed[0]!, instruction: 'listed twice' });
    const tasks = tasksOf({ tasks: listed } as unknown as Manifest, Array.from({ length: n }, (_, i) => id(n - 1 - i)));
    expect(tasks).toHaveLength(n);
    expect(tasks[0]).toMatchObject({ id: id(n - 1), instruction: `task ${n - 1}` });
    expect(tasks[n - 1]).toMatchObject({ id: id(0), instruction: 'task 0' });
  });
});

describe('format: a task of many steps', () => {
  // Before: each example copied every earlier action to show the last 30: one task of 100,000 steps took 54 s and
  // 2.4 GB in format by hand (25,000: 4.5 s), most of it here; now only the shown ones are copied (15.6 s for the
  // whole command, the output the same byte for byte). The timeout is the hang guard, nothing is timed.
  it('taskExamples: 100,000 steps, each example with the last 30 actions', { timeout: 20_000 }, () => {
    const n = 100_000;
    const steps = Array.from({ length: n }, (_, i) => step(i + 1, { observation: { ...step(1).observation, screenshot_path: null } }));
    const examples = taskExamples(task({ stepCount: n }), steps, { actionStyle: 'json', includeDom: false });
    expect(examples).toHaveLength(n);
    const last = examples[n - 1]!.turns[0]!.observation;
    expect(last).toContain(`Previous actions: (${n - 1 - 30} earlier not shown)\n${n - 30}. `);
    expect(last).toContain(`\n${n - 1}. `);
    expect(last).not.toContain(`\n${n - 31}. `);
  });
});
