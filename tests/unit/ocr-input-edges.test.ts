// tesseract's PGM input against the RGBA PNG of the same grey pixels it replaced, on edge images: dark-mode
// backgrounds whose grey is a whitespace byte (a PNM reader that skips whitespace after the header would eat pixels),
// tiny and odd sizes, and a colour crop at a fractional scale (text and word boxes).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Worker } from 'tesseract.js';
import { englishWorker, pngOcrInput } from './ocr-reference';
import { ocrInput } from '../../src/cli/image-scrub';
import { WORLD_SCREEN } from './shipped-detector';


const world = PNG.sync.read(readFileSync(WORLD_SCREEN));
function crop(x: number, y: number, w: number, h: number): PNG {
  const area = new PNG({ width: w, height: h });
  PNG.bitblt(world, area, x, y, w, h, 0, 0);
  return area;
}

interface Word { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }
async function read(w: Worker, input: Buffer): Promise<{ text: string; words: string[] }> {
  const { data } = await w.recognize(input, {}, { blocks: true });
  const words: string[] = [];
  for (const b of (data.blocks ?? [])) for (const p of b.paragraphs) for (const l of p.lines) for (const wd of l.words as Word[]) {
    words.push(`${wd.text}@${wd.bbox.x0},${wd.bbox.y0},${wd.bbox.x1},${wd.bbox.y1}`);
  }
  return { text: data.text, words };
}

let worker: Worker;
beforeAll(async () => {
  worker = await englishWorker();
}, 60_000);
afterAll(async () => { await worker.terminate(); });

describe('dark mode: a background whose grey is a whitespace byte', () => {
  for (const bg of [32, 10, 13, 9]) {
    it(`background ${bg}: the same text and word boxes as the old PNG`, async () => {
      const area = crop(0, 440, 560, 80);
      for (let i = 0; i < area.data.length; i += 4) {
        const v = Math.round(0.299 * area.data[i]! + 0.587 * area.data[i + 1]! + 0.114 * area.data[i + 2]!);
        const d = Math.round(bg + ((255 - v) * (230 - bg)) / 255); // light text on a bg-grey page
        area.data.set([d, d, d, 255], i);
      }
      const old = await read(worker, pngOcrInput(area, 2));
      expect(old.text).toMatch(/Bot token/);
      const now = await read(worker, ocrInput(area, 2));
      expect(now.words).toEqual(old.words);
    }, 60_000);
  }
});

describe('tiny and odd sizes', () => {
  for (const [w, h] of [[1, 1], [1, 7], [7, 1], [3, 2], [2, 3]] as const) {
    for (const scale of [1, 1.25, 1.5, 2, 2.5, 3]) {
      it(`${w}x${h} at ${scale}: the header names the enlarged size and the body fills it`, () => {
        const png = new PNG({ width: w, height: h });
        png.data.fill(200);
        const pgm = ocrInput(png, scale);
        const W = Math.round(w * scale);
        const H = Math.round(h * scale);
        const head = /^P5\n#[ ]*\n(\d+) (\d+)\n255\n/.exec(pgm.subarray(0, 600).toString('latin1'));
        expect(head?.slice(1).map(Number)).toEqual([W, H]);
        expect(pgm.length - head![0].length).toBe(W * H);
        expect(W).toBeGreaterThan(0);
      });
    }
  }

  it('a 1x1 and a 3x1 image are read (no text) as the old PNG was, without a throw', async () => {
    for (const [w, h] of [[1, 1], [3, 1], [1, 3]] as const) {
      const png = new PNG({ width: w, height: h });
      png.data.fill(0);
      const old = await read(worker, pngOcrInput(png, 2)).then((r) => r.words, (e: unknown) => `throws ${String(e)}`);
      const now = await read(worker, ocrInput(png, 2)).then((r) => r.words, (e: unknown) => `throws ${String(e)}`);
      expect(now).toEqual(old);
    }
  }, 60_000);
});

// Whole screenshots were compared once, not at every run: 144 of 144 reads the same (docs/benchmarks.md).
describe('a colour crop at a fractional scale: text and word boxes', () => {
  it('an odd-sized low-contrast crop (grey 200 text on 230) at 1.5: the same words and boxes', async () => {
    const area = crop(3, 437, 557, 83);
    for (let i = 0; i < area.data.length; i += 4) {
      const v = Math.round(0.299 * area.data[i]! + 0.587 * area.data[i + 1]! + 0.114 * area.data[i + 2]!);
      const d = Math.round(200 + (v * 30) / 255);
      area.data.set([d, 255 - d, d, 255], i); // colour, not grey
    }
    const old = await read(worker, pngOcrInput(area, 1.5));
    const now = await read(worker, ocrInput(area, 1.5));
    expect(now.words).toEqual(old.words);
  }, 60_000);
});
