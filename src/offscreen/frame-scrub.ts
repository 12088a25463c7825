// The one owner of a screenshot's image work (see core/frame-job): decode
// once, blur from the whole tab's text map, find the text lines in the pixels
// that the DOM does not explain, OCR those and the media areas, blur what a
// rule matches, encode once and store the clean PNG. The raw pixels exist
// only in this document's memory, never on disk.
import { needsWholeRead, type ShotJob, type ShotJobResult } from '../core/frame-job';
import type { Box } from '../core/schema';
import type { OcrLine } from '../core/scrub/ocr-words';
import { secretWordBoxes, shiftLines, untrustedWordBoxes } from '../core/scrub/ocr-words';
import { regionsToPixels } from '../core/blur-regions';
import { shiftBoxes } from '../core/view-shift';
import { mergeRegions } from '../core/tab-text-map';
import { unclip, unexplainedLines } from '../core/text-detection';
import { detectLines, type Detection } from './text-detector';
import { cropScale, planCrops, type Crop } from '../core/ocr-crops';
import { createScrubber, type Scrubber } from '../core/scrub/scrubber';
import { defaultEntityRecognizer } from '../core/scrub/cued-entities';
import { blurRect, canvasPng } from '../platform/image-ops';
import { db } from '../platform/db';
import { readLines } from './ocr';

const ner = defaultEntityRecognizer();
/** The scrubber of the config the last frame used: built once per config, not once per frame. */
let scrubberOf: { hash: string; scrubber: Scrubber } | null = null;

function scrubberFor(job: ShotJob): Scrubber {
  if (scrubberOf?.hash !== job.configHash) {
    scrubberOf = { hash: job.configHash, scrubber: createScrubber(job.config, job.config.ner.enabled ? ner : null) };
  }
  return scrubberOf.scrubber;
}
/** OCR lines by crop pixels: an unchanged image or canvas is read once, not on every step. */
const cache = new Map<string, OcrLine[]>();
const CACHE_ENTRIES = 256;

async function cropKey(ctx: CanvasRenderingContext2D, c: Crop, scale: number): Promise<string> {
  const pixels = ctx.getImageData(c.x, c.y, c.width, c.height).data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', pixels));
  let hex = '';
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
  return `${c.width}x${c.height}@${scale}:${hex}`;
}

function remember(key: string, lines: OcrLine[]): void {
  cache.set(key, lines);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}

export async function scrubShot(job: ShotJob): Promise<ShotJobResult> {
  const t0 = performance.now();
  const bitmap = await createImageBitmap(await (await fetch(job.dataUrl)).blob());
  // Scale to CSS pixels: coordinates and boxes are then pixels of the PNG.
  const cssWidth = Math.round(bitmap.width / (job.devicePixelRatio || 1));
  const scale = Math.abs(cssWidth - bitmap.width) > 1 ? cssWidth / bitmap.width : 1;
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  // A document canvas, not an OffscreenCanvas: see canvasPng for why.
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { blur, ocr } = job.config;
  const style = { mode: blur.mode, strength: blur.strength };
  // The step's regions, moved to this frame's scroll, and the whole tab's as they were when it was captured.
  const regions = mergeRegions(
    { redacted: shiftBoxes(job.redactedRegions, job.regionShift), media: shiftBoxes(job.mediaRegions, job.regionShift) },
    job.shotRegions ?? { redacted: [], media: [] },
  );
  // Foreign frames whose own regions were not known at the capture: blurred whole rather than kept readable.
  const late = job.shotRegions?.late ?? [];
  for (const r of regionsToPixels([...regions.redacted, ...late], 1, blur.padding, width, height)) blurRect(canvas, ctx, r, style);
  const t1 = performance.now();

  const redactions: Record<string, number> = {};
  let crops = 0;
  let cacheHits = 0;
  let fullFrame = needsWholeRead(job, ocr.scope);
  let detection: Detection | null = null;
  let detectMs = 0;
  let unexplained: Box[] = [];
  if (ocr.enabled) {
    const mediaCrops = planCrops(regions.media, width, height);
    if (ocr.scope === 'detect') {
      // Every line of text in the pixels; those the DOM did not read (nor are blurred or OCR'd anyway) are read.
      const d0 = performance.now();
      try {
        detection = await detectLines(canvas, ctx, width, height, job.shotScroll?.y);
        unexplained = unexplainedLines(detection.lines, [...(regions.explained ?? []), ...regions.redacted, ...mediaCrops], width, height).map(unclip);
      } catch (error) {
        // Nothing found where text is: the whole frame is read instead, never less.
        console.warn('[alien-dataflow] text detection failed; reading the whole frame', error);
        fullFrame = true;
      }
      detectMs = performance.now() - d0;
    }
    // Media areas and unexplained lines are read crop by crop, upscaled, in every frame: a frame the DOM cannot
    // vouch for is read whole as well, but a whole-frame read at 1x misses small text that a crop reads.
    const areas = unexplained.length ? planCrops([...regions.media, ...unexplained], width, height) : mediaCrops;
    const plan = fullFrame ? [{ x: 0, y: 0, width, height }, ...areas.filter((c) => c.width < width || c.height < height)] : areas;
    const scrubber = scrubberFor(job);
    const toBlur: Box[] = [];
    for (const crop of plan) {
      crops++;
      const factor = cropScale(crop, ocr.upscale);
      let lines: OcrLine[];
      try {
        const key = await cropKey(ctx, crop, factor);
        const hit = cache.get(key);
        if (hit) cacheHits++;
        lines = hit ?? (await readLines(canvas, crop, factor));
        if (!hit) remember(key, lines);
      } catch (error) {
        // OCR could not read it, so nothing vouches for it: blur the whole crop.
        console.warn('[alien-dataflow] OCR failed on a crop; blurring it', error);
        toBlur.push(crop);
        redactions['ocr:unreadable'] = (redactions['ocr:unreadable'] ?? 0) + 1;
        continue;
      }
      const framed = shiftLines(lines, crop.x, crop.y);
      const found = secretWordBoxes(framed, (text) => scrubber.find(text));
      toBlur.push(...found.regions);
      for (const [rule, n] of Object.entries(found.redactions)) redactions[`ocr:${rule}`] = (redactions[`ocr:${rule}`] ?? 0) + n;
      const unsure = untrustedWordBoxes(framed, ocr.min_confidence);
      if (unsure.length) {
        toBlur.push(...unsure);
        redactions['ocr:unreadable'] = (redactions['ocr:unreadable'] ?? 0) + unsure.length;
      }
    }
    for (const r of regionsToPixels(toBlur, 1, blur.padding, width, height)) blurRect(canvas, ctx, r, style);
  }
  const t2 = performance.now();
  const blob = canvasPng(canvas);
  await (await db()).put('images', { id: job.imageId, blob, width, height });
  const t3 = performance.now();
  return {
    width, height, redactions, crops, cacheHits, fullFrame, ...(late.length ? { lateFrames: late.length } : {}),
    ...(detection ? { detection: { lines: detection.lines.length, unexplained: unexplained.length, bands: detection.bands, bandsRun: detection.bandsRun } } : {}),
    timings: {
      decodeMs: Math.round(t1 - t0), ocrMs: Math.round(t2 - t1), encodeMs: Math.round(t3 - t2), totalMs: Math.round(t3 - t0),
      ...(detection ? { detectMs: Math.round(detectMs) } : {}),
    },
  };
}
