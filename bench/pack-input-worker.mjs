// Writes synthetic export zips for the pack bench with the extension's own
// export writer: `count` zips of 100 tasks x 20 steps, a 30 KB screenshot
// (incompressible bytes behind a PNG signature) and a ~10 KB dom_tree per step.
import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeExport, inBatches } from '../src/core/export-writer.ts';

const [dir, fromArg, countArg] = process.argv.slice(2);
const from = Number(fromArg);
const count = Number(countArg);
const TASKS = 100;
const STEPS = 20;
const dom = (t, i) => `<html id="1"><body id="2"><main id="3">${Array.from({ length: 60 }, (_v, k) => `<a id="${k + 10}" href="/p/${t}/${k}">Product ${t}.${i}.${k} in the catalogue, 12.99</a>`).join('')}<button id="42">Add to cart</button></main></body></html>`;

for (let z = from; z < from + count; z++) {
  const tasks = Array.from({ length: TASKS }, (_v, t) => {
    const id = `${String(z).padStart(8, '0')}-0000-4000-8000-${String(t).padStart(12, '0')}`;
    const steps = Array.from({ length: STEPS }, (_w, i) => ({
      task_id: id, step_id: i + 1, timestamp: 1_700_000_000_000 + z * 1e6 + t * 100 + i,
      observation: {
        screenshot_path: `images/${id}/step_${i + 1}.png`, dom_tree: dom(t, i), active_window: `Shop ${t}`, url: `https://www.shop${z % 7}.example.com/p/${t}`,
        viewport: { width: 1280, height: 800 }, device_pixel_ratio: 1, screenshot_captured_at: 1_700_000_000_000, screenshot_fresh: true,
      },
      thought_trace: 'Open the product page.',
      action: i % 5 === 4 ? { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 400 * i } } : { type: 'click', coordinates: [640, 100 + i], element_id: 42 },
      target: null, tab_id: 1, frame_id: 0, confirmed: true,
    }));
    return { task: { id, instruction: `Find product ${t} in shop ${z}`, status: 'confirmed', createdAt: 1_700_000_000_000, endedAt: null, stepCount: STEPS }, steps };
  });
  const image = () => {
    const b = randomFillSync(new Uint8Array(30_000));
    b.set([137, 80, 78, 71, 13, 10, 26, 10]);
    return b;
  };
  const fd = openSync(join(dir, `export-${String(z).padStart(3, '0')}.zip`), 'w');
  await writeExport(
    { tasks: tasks.map((t) => t.task), steps: (id) => inBatches(tasks.find((t) => t.task.id === id).steps.map((s) => ({ step: s, imageId: s.observation.screenshot_path, redactions: {} }))), image: async () => image() },
    { formats: [], actionStyle: 'json', includeDom: false, extensionVersion: 'bench', configHash: 'bench', now: new Date(0) },
    (chunk) => { writeSync(fd, chunk); },
  );
  closeSync(fd);
}
