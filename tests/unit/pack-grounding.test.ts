// `pack --dialogues grounding` and `format --dialogues grounding` on export
// zips written by the extension's own writer: the grounding config is a
// Parquet config the card declares (features, row counts), read back here
// with hyparquet; the format's file is one line per screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parquetReadObjects } from 'hyparquet';
import { main } from '../../src/cli/main';
import { writeTestExport } from './cli-exports';
import { step, task, TASK_ID } from './fixtures';

let dir: string;
const AX = "[1] document\n  [42] button 'Add to cart'\n  [43] link 'Help'";
const DOM = '<html id="1"><body id="2"><button id="42" bbox="10,20,100,30">Add to cart</button><a id="43" bbox="200,20,50,20">Help</a></body></html>';
const steps = [1, 2].map((i) => step(i, { observation: { ...step(i).observation, dom_tree: DOM, axtree: AX } }));

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'adf-grounding-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('grounding in pack and format', () => {
  it('packs a grounding config the card declares, one row per screenshot with its boxes', async () => {
    const zip = await writeTestExport(join(dir, 'a.zip'), [{ task: task(), steps }]);
    const out = join(dir, 'ds');
    expect(await main(['pack', zip, '--out', out, '--dialogues', 'grounding', '--split', '1,0,0'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'data', 'grounding', 'stats.json']);
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    const front = parseYaml(card.split('---')[1]!) as { configs: { config_name: string; data_files: { path: string }[] }[]; dataset_info: { config_name: string; features: { name: string }[]; splits?: { num_examples: number }[] }[] };
    expect(front.configs.map((c) => c.config_name)).toEqual(['default', 'grounding']);
    expect(front.configs[1]!.data_files[0]!.path).toBe('grounding/train-*.parquet');
    const info = front.dataset_info.find((d) => d.config_name === 'grounding')!;
    expect(info.features.map((f) => f.name)).toEqual(['id', 'task_id', 'step_id', 'image', 'image_width', 'image_height', 'elements']);
    expect(info.splits).toEqual([{ name: 'train', num_examples: 2 }]);
    expect(card).toContain('## Grounding');
    const file = readdirSync(join(out, 'grounding')).find((f) => f.startsWith('train-'))!;
    const buf = readFileSync(join(out, 'grounding', file));
    const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: `${TASK_ID}:1`, step_id: 1, image_width: 1280, image_height: 800 });
    expect((rows[0]!.image as { bytes: Uint8Array }).bytes.length).toBeGreaterThan(0);
    const elements = rows[0]!.elements as Record<string, unknown>[];
    expect(elements.map((e) => e.instruction)).toEqual(["button 'Add to cart'", "link 'Help'", "Click the 'Add to cart' button."]);
    expect(elements[0]).toMatchObject({ element_id: 42, acted_on: true, x1: 10, y1: 20, x2: 110, y2: 50, x2_norm: 0.0859 });
  });

  it('writes grounding.jsonl with format, beside the dialogues asked for', async () => {
    const zip = await writeTestExport(join(dir, 'b.zip'), [{ task: task(), steps }]);
    const out = join(dir, 'fmt');
    expect(await main(['format', zip, '--out', out, '--dialogues', 'sharegpt,grounding'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dataset_info.json', 'grounding.jsonl', 'sharegpt.jsonl']);
    const lines = readFileSync(join(out, 'grounding.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.image)).toEqual(steps.map((s) => s.observation.screenshot_path));
    expect(lines[1].elements[1]).toMatchObject({ instruction: "link 'Help'", box: [200, 20, 250, 40], box_normalized: [0.1563, 0.025, 0.1953, 0.05] });
  });
});
