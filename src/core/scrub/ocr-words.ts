// From OCR lines to the boxes to blur: run the rules over each line's text
// and blur every word a match touches. Pure, so it is tested without OCR.
import type { Box } from '../schema';
import type { RedactionSpan } from '../redactor';

/** `confidence`: tesseract's 0-100 score for the word, when known. */
export interface OcrWord { text: string; box: Box; confidence?: number }
export interface OcrLine { words: OcrWord[] }

/** The part of tesseract.js's result (`blocks: true`) that is read here. */
export interface TesseractBlock {
  paragraphs: { lines: { words: { text: string; confidence?: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[] }[] }[];
}

/** Lines of words with boxes in the original image's pixels (`scale`: how much the OCR input was enlarged). */
export function linesFromBlocks(blocks: readonly TesseractBlock[], scale = 1): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks) {
    for (const p of block.paragraphs) {
      for (const l of p.lines) {
        lines.push({
          words: l.words.map((w) => ({
            text: w.text,
            ...(w.confidence !== undefined ? { confidence: w.confidence } : {}),
            box: { x: w.bbox.x0 / scale, y: w.bbox.y0 / scale, width: (w.bbox.x1 - w.bbox.x0) / scale, height: (w.bbox.y1 - w.bbox.y0) / scale },
          })),
        });
      }
    }
  }
  return lines;
}

export function secretWordBoxes(lines: OcrLine[], find: (text: string) => RedactionSpan[]): { regions: Box[]; redactions: Record<string, number>; words: number } {
  const regions: Box[] = [];
  const redactions: Record<string, number> = {};
  let words = 0;
  for (const line of lines) {
    words += line.words.length;
    const starts: number[] = [];
    let text = '';
    for (const w of line.words) {
      if (text) text += ' ';
      starts.push(text.length);
      text += w.text;
    }
    // Also look at the line with spaces removed: OCR often splits "4111 1111…" or an email at punctuation.
    const spans = find(text);
    for (const span of spans) {
      redactions[span.rule] = (redactions[span.rule] ?? 0) + 1;
      line.words.forEach((w, i) => {
        const start = starts[i]!;
        if (start < span.end && start + w.text.length > span.start) regions.push(w.box);
      });
    }
  }
  return { regions, redactions, words };
}

/**
 * Words OCR read too poorly to vouch for, that could still be part of an
 * identifier: low confidence and digit-heavy or holding an @. A misread card
 * number fails its checksum and no rule matches it, so it is blurred anyway.
 */
export function untrustedWordBoxes(lines: OcrLine[], minConfidence: number): Box[] {
  const out: Box[] = [];
  for (const line of lines) {
    for (const w of line.words) {
      if (w.confidence === undefined || w.confidence >= minConfidence) continue;
      const digits = w.text.replace(/\D/g, '').length;
      if (digits >= 3 || w.text.includes('@')) out.push(w.box);
    }
  }
  return out;
}

/** Lines with every box moved by (dx, dy): from a crop's pixels to the frame's. */
export function shiftLines(lines: OcrLine[], dx: number, dy: number): OcrLine[] {
  return lines.map((l) => ({ words: l.words.map((w) => ({ ...w, box: { ...w.box, x: w.box.x + dx, y: w.box.y + dy } })) }));
}
