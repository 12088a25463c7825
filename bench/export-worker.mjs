// One export run in its own process, so its peak memory (maxRSS) is its own:
//   node --import tsx bench/export-worker.mjs <ours|jszip> <steps> <imageKB>
// The dataset is synthetic: tasks of 100 steps, each with a ~25 KB dom_tree
// and a PNG-sized incompressible image, produced on demand as IndexedDB
// would hand them out. Output bytes are counted and dropped (disk speed is
// not what is measured). Prints one JSON line.
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { inBatches, writeExport } from '../src/core/export-writer.ts';
import { trajectoryLine, ZIP_PATHS } from '../src/core/zip-layout.ts';
import { toShareGpt, toChatMessages, taskExamples } from '../src/core/formatters.ts';

const [impl, stepsArg, kbArg] = process.argv.slice(2);
const STEPS = Number(stepsArg);
const IMAGE_BYTES = Number(kbArg) * 1024;
const PER_TASK = 100;

const base = new Uint8Array(IMAGE_BYTES);
for (let i = 0; i < base.length; i++) base[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
const image = (n) => {
  const copy = base.slice();
  copy[0] = n & 0xff; copy[1] = (n >> 8) & 0xff;
  return copy;
};

// Memoised: the source should cost little next to the zip writer it feeds.
const trees = new Map();
const domTree = (n) => {
  if (trees.has(n)) return trees.get(n);
  let xml = '<html id="1"><body id="2"><main id="3">';
  for (let i = 0; i < 300; i++) xml += `<div id="${i + 4}"><a id="${i + 400}" href="/p/${n}/${i}" bbox="10,${i * 20},200,18">Product ${i} of page ${n}</a></div>`;
  trees.set(n, `${xml}</main></body></html>`);
  return trees.get(n);
};

const tasks = Array.from({ length: Math.ceil(STEPS / PER_TASK) }, (_, t) => ({
  id: `00000000-0000-4000-8000-${String(t).padStart(12, '0')}`, instruction: `Synthetic task ${t}`, status: 'review',
  createdAt: 1_700_000_000_000 + t, endedAt: 1_700_000_100_000 + t, stepCount: Math.min(PER_TASK, STEPS - t * PER_TASK),
}));

function stepsOf(task) {
  return Array.from({ length: task.stepCount }, (_, i) => {
    const path = `images/${task.id}/step_${i + 1}.png`;
    return {
      imageId: path, redactions: { email: i % 3 },
      step: {
        task_id: task.id, step_id: i + 1, timestamp: task.createdAt + i * 1000,
        observation: { screenshot_path: path, dom_tree: domTree(i), active_window: 'Shop', url: 'http://127.0.0.1/shop', viewport: { width: 1280, height: 800 }, device_pixel_ratio: 1, screenshot_captured_at: task.createdAt, screenshot_fresh: true },
        thought_trace: `Click product ${i}.`,
        action: { type: 'click', coordinates: [100, 20 * i + 9], element_id: 400 + (i % 300) },
        target: null, tab_id: 1, frame_id: 0, confirmed: false,
      },
    };
  });
}

let bytes = 0;
let imageBytes = 0;
const count = (chunk) => { bytes += chunk.length; };
const opts = { actionStyle: 'json', includeDom: false };
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();

if (impl === 'ours') {
  await writeExport({
    tasks,
    steps: (id) => inBatches(stepsOf(tasks.find((t) => t.id === id)), 50),
    image: async (p) => { const img = image(Number(p.match(/step_(\d+)/)[1])); imageBytes += img.length; return img; },
  }, { formats: ['sharegpt', 'messages'], ...opts, extensionVersion: 'bench', configHash: 'bench', now: new Date() }, count);
} else {
  // The usual JSZip way: add every entry, then generate a stream.
  const zip = new JSZip();
  const trajectory = [];
  const share = [];
  const messages = [];
  for (const task of tasks) {
    const steps = stepsOf(task);
    for (const s of steps) {
      const img = image(s.step.step_id);
      imageBytes += img.length;
      zip.file(s.step.observation.screenshot_path, img, { binary: true, compression: 'STORE' });
      trajectory.push(trajectoryLine(s.step));
    }
    for (const e of taskExamples(task, steps.map((s) => s.step), opts)) {
      share.push(JSON.stringify(toShareGpt(e)));
      messages.push(JSON.stringify(toChatMessages(e)));
    }
  }
  const deflate = { compression: 'DEFLATE', compressionOptions: { level: 6 } };
  zip.file(ZIP_PATHS.trajectory, `${trajectory.join('\n')}\n`, deflate);
  zip.file('sharegpt.jsonl', `${share.join('\n')}\n`, deflate);
  zip.file('messages.jsonl', `${messages.join('\n')}\n`, deflate);
  await new Promise((resolve, reject) => {
    zip.generateNodeStream({ streamFiles: true }).on('error', reject)
      .pipe(new Writable({ write(chunk, _enc, done) { count(chunk); done(); } })).on('finish', resolve).on('error', reject);
  });
}

const ms = performance.now() - t0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ impl, steps: STEPS, ms, bytes, imageBytes, rssBeforeMb: rssBefore / 1048576, peakRssMb }));
