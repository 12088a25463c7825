// `format --dialogues grounding` on a real recording (issue 26, item 4): every
// step whose acted-on element is on its screenshot, taken fresh (after the page last changed), has a grounding entry for
// it whose box is the element's own box measured at the event (step.target),
// clipped to the screenshot, and drawn on the screenshot the box holds paint
// (not one flat colour: the element is there, not an empty strip).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import type { GroundingLine } from '../../src/core/formats/grounding';
import { axRoles } from '../../src/core/grounding';
import { ROOT, type ExportedStep } from './harness';

/**
 * Distinct colours in the box and a 2-pixel ring around it (an empty text field is flat inside: its border, or
 * its wrapper's, tells it from the page), every pixel: a few are enough to tell an element from a blank strip.
 */
function coloursIn(png: PNG, [x1, y1, x2, y2]: number[]): number {
  const seen = new Set<number>();
  for (let y = Math.max(0, Math.floor(y1!) - 2); y < Math.min(png.height, Math.ceil(y2!) + 2); y++) {
    for (let x = Math.max(0, Math.floor(x1!) - 2); x < Math.min(png.width, Math.ceil(x2!) + 2); x++) {
      const i = (y * png.width + x) * 4;
      seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
      if (seen.size > 3) return seen.size;
    }
  }
  return seen.size;
}

export async function assertGrounding(zipFile: string, taskId: string, steps: readonly ExportedStep[]): Promise<{ lines: number; elements: number; checked: number }> {
  const out = mkdtempSync(join(tmpdir(), 'adf-grounding-'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin/alien-dataflow.mjs'), 'format', zipFile, '--out', out, '--dialogues', 'grounding'], { encoding: 'utf8' });
  const lines = readFileSync(join(out, 'grounding.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as GroundingLine).filter((l) => l.task_id === taskId);
  assert.ok(lines.length > 0, 'grounding lines for the task');
  const zip = await JSZip.loadAsync(readFileSync(zipFile));
  let checked = 0;
  for (const s of steps) {
    const t = s.target;
    const vp = s.observation.viewport;
    // Only elements with half their box on the screenshot are grounded.
    if (!t || !s.observation.screenshot_path || t.bbox.width <= 0 || t.bbox.height <= 0) continue;
    // A frame from before the page last changed (or a stand-in) is not grounded: its pixels may not show the tree's boxes.
    if (!(s.observation as { screenshot_fresh?: boolean }).screenshot_fresh) {
      assert.ok(!lines.some((l) => l.step_id === s.step_id), `step ${s.step_id}: a frame not fresh has no grounding line`);
      continue;
    }
    // The name a grounding entry carries: the element's axtree line (a shadow root's slotted text names it there).
    const name = axRoles(s.observation.axtree ?? '').get(t.element_id)?.name || t.name;
    const visible = (Math.min(vp.width, t.bbox.x + t.bbox.width) - Math.max(0, t.bbox.x)) * (Math.min(vp.height, t.bbox.y + t.bbox.height) - Math.max(0, t.bbox.y));
    if (visible < 0.5 * t.bbox.width * t.bbox.height || !name || /<[A-Z_:]+>/.test(name)) {
      console.log(`grounding: step ${s.step_id} <${t.tag}> '${name}' ${JSON.stringify(t.bbox)} not expected (off the screenshot, nameless or redacted)`);
      continue;
    }
    const line = lines.find((l) => l.step_id === s.step_id);
    const entry = line?.elements.find((e) => e.element_id === t.element_id && e.source === 'element');
    // An element whose name another element on the screenshot shares is left out as ambiguous.
    if (!entry && line?.elements.length) {
      console.log(`grounding: step ${s.step_id} <${t.tag}> '${name}' not grounded: ${line.elements.filter((e) => e.name === name).map((e) => `${e.instruction} #${e.element_id}`).join(', ') || 'no entry of that name'}`);
      continue;
    }
    assert.ok(entry, `step ${s.step_id}: the acted-on <${t.tag}> '${name}' has a grounding entry`);
    const own = [Math.max(0, t.bbox.x), Math.max(0, t.bbox.y), Math.min(vp.width, t.bbox.x + t.bbox.width), Math.min(vp.height, t.bbox.y + t.bbox.height)];
    entry.box.forEach((v, k) => assert.ok(Math.abs(v - own[k]!) <= 1.5, `step ${s.step_id}: box ${JSON.stringify(entry.box)} is the element's own ${JSON.stringify(own)}`));
    entry.box_normalized.forEach((v, k) => assert.ok(Math.abs(v - entry.box[k]! / (k % 2 ? vp.height : vp.width)) < 0.001, `step ${s.step_id}: normalised box`));
    const png = PNG.sync.read(Buffer.from(await zip.file(s.observation.screenshot_path)!.async('uint8array')));
    assert.equal(png.width, line!.image_width, 'the box is in the PNG\'s pixels');
    assert.ok(coloursIn(png, entry.box) > 1, `step ${s.step_id}: the box of '${name}' holds paint on the screenshot`);
    checked++;
  }
  const elements = lines.reduce((n, l) => n + l.elements.length, 0);
  console.log(`grounding: ${lines.length} screenshots, ${elements} entries; ${checked} acted-on elements checked against their own boxes`);
  return { lines: lines.length, elements, checked };
}
