// `scrub`: a scrubber config re-applied to every text field and (by OCR) every screenshot of an
// export, written as a new zip.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrajectory } from '../core/validate-export';
import { configHash } from '../core/scrub/config';
import { rescrubStep } from '../core/rescrub';
import { inBatches, writeExport, type ExportStep } from '../core/export-writer';
import { formatsIn } from '../core/formats/registry';
import { rescrubFinal } from '../core/final-state';
import { isHash } from '../core/safe-text';
import { command } from './command';
import { finalOf, tasksOf, trajectoryOf } from './zip-input';
import { checkFieldSizes } from './field-limits';
import { createImageScrubber } from './image-scrub';
import { loadScrubber, readScrubConfig } from './load-scrubber';
import { sameFile } from './same-file';
import { writeZipAtomically } from './write-zip-atomically';
import type { InputLimits } from './input-limits';
import { UsageError } from './usage-error';
import { print } from './terminal-output';

// The bundle is build/cli.mjs: the package's config/ is one folder up.
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const scrubCommand = command({
  needs: { operands: ['<in.zip>', '<out.zip>'] },
  flags: { config: { type: 'string' }, 'text-only': { type: 'boolean' } },
  synopsis: ['[--config scrubber.yaml] [--text-only]'],
  run: ([input, output], values, limits) => scrub(input, output, values.config, !!values['text-only'], limits),
});

async function scrub(input: string, output: string, configPath: string | undefined, textOnly: boolean, limits: InputLimits): Promise<number> {
  if (await sameFile(input, output)) throw new UsageError(`the output ${output} is the input: write to another file`);
  const file = configPath ?? join(PACKAGE_ROOT, 'config/scrubber.yaml');
  const { config, text: configText } = await readScrubConfig(file);
  const { exp, text } = await trajectoryOf(input, limits);
  const { steps, errors } = parseTrajectory(text);
  if (errors.length) throw new UsageError(`${errors.length} invalid trajectory lines; run validate first`);
  const ids = [...new Set(steps.map((s) => s.task_id))];
  const listed = tasksOf(exp.manifest, ids);
  // Every screenshot's PNG header against the image limits first, the final states' too, and every field it will
  // scrub against --max-field-chars, before the NER and OCR load and anything decodes or is written: a zip with a
  // field too long to scrub in reasonable time is refused whole, naming the field (never cut, never left as it was).
  try {
    checkFieldSizes({ steps, finals: [], tasks: listed.map((t) => ({ id: t.id, instruction: t.instruction, note: t.outcome?.note })) }, limits);
    for (const s of steps) if (s.observation.screenshot_path && exp.files.has(s.observation.screenshot_path)) await exp.checkImage(s.observation.screenshot_path);
    for (const id of ids) {
      const final = await finalOf(exp, id);
      if (final) checkFieldSizes({ steps: [], finals: [final], tasks: [] }, limits);
      const shot = final?.observation.screenshot_path;
      if (shot) await exp.checkImage(shot);
    }
  } catch (error) {
    await exp.close();
    throw error;
  }
  const scrubber = await loadScrubber(config);
  const scrubbed = new Map<string, ExportStep[]>();
  for (const s of steps) {
    const r = rescrubStep(s, scrubber);
    const list = scrubbed.get(s.task_id) ?? [];
    list.push({ step: r.step, imageId: s.observation.screenshot_path, redactions: r.redactions });
    scrubbed.set(s.task_id, list);
  }
  // Screenshots: OCR finds text the new rules match and blurs it (what the DOM pass cannot place).
  const images = textOnly || !config.ocr.enabled ? null : await createImageScrubber(config, scrubber, limits);
  const redactionsOf = new Map<string, Record<string, number>>();
  for (const list of scrubbed.values()) for (const e of list) if (e.imageId) redactionsOf.set(e.imageId, e.redactions);
  let blurred = 0;
  const image = async (path: string): Promise<Uint8Array> => {
    const png = await exp.image(path);
    if (!images) return png;
    const out = await images.scrub(png, path);
    const counts = redactionsOf.get(path);
    if (counts) for (const [rule, n] of Object.entries(out.redactions)) counts[rule] = (counts[rule] ?? 0) + n;
    if (out.png !== png) blurred++;
    return out.png;
  };
  // The instruction goes into the manifest and every dialogue: the new rules apply to it too.
  const tasks = listed.map((t) => ({
    ...t, instruction: scrubber.redact(t.instruction).text, stepCount: scrubbed.get(t.id)?.length ?? 0,
    ...(t.outcome ? { outcome: { ...t.outcome, note: scrubber.redact(t.outcome.note).text } } : {}),
  }));
  // Written beside the target and renamed at the end: a failed run never leaves half a zip under the real name.
  let result: { steps: number };
  try {
    result = await writeZipAtomically(output, (sink) => writeExport(
      {
        tasks, steps: (id) => inBatches(scrubbed.get(id) ?? []), image,
        // The final state's text with the new rules; its screenshot goes through `image` (OCR) like the steps', and
        // what both find is counted in scrub_report.json (`image` adds OCR's counts to the same object).
        final: async (id) => {
          const f = await finalOf(exp, id);
          if (!f) return null;
          const { state, redactions } = rescrubFinal(f, scrubber);
          const imageId = f.observation.screenshot_path;
          if (imageId) redactionsOf.set(imageId, redactions);
          return { state, imageId, redactions };
        },
      },
      {
        // The dialogue files the input had, written again from the re-scrubbed steps.
        ...formatsIn(exp.files), actionStyle: 'json', includeDom: false,
        extensionVersion: exp.manifest?.extension_version ?? 'unknown', configHash: configHash(configText), now: new Date(),
        demonstratorHash: isHash(exp.manifest?.demonstrator_hash) ? exp.manifest.demonstrator_hash : null,
      },
      sink,
    ));
  } finally {
    // The OCR worker is a thread: without this the process would not exit after an error.
    await images?.close();
    await exp.close();
  }
  const shots = images ? `${blurred} screenshots had text blurred` : 'screenshots copied unchanged';
  print(`wrote ${output}: ${result.steps} steps re-scrubbed with ${file} (${shots})`);
  return 0;
}
