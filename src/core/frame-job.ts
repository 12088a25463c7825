// One screenshot's image work, done in a single pass by the offscreen
// document: decode once, scale to CSS pixels, blur the DOM's redacted
// regions, OCR what the DOM cannot vouch for, blur what a rule matches,
// encode the PNG once and store it under `imageId`.
import type { Box } from './schema';
import type { MediaRegion, ScrollOffset } from './step-draft';
import type { ScrubConfig } from './scrub/config';
import type { ScreenRegions } from './tab-text-map';

export interface ShotJob {
  /** Key of the clean image in IndexedDB; derived from the draft, so a retried job overwrites, never duplicates. */
  imageId: string;
  /** The capture, as captureVisibleTab gave it. */
  dataUrl: string;
  devicePixelRatio: number;
  redactedRegions: Box[];
  mediaRegions: MediaRegion[];
  /**
   * The DOM snapshot vouches for the frame only when the frame shows the page
   * as snapshotted (captured after its last change, before the action). Any
   * other frame (captured late, or an older one reused) is read by OCR whole,
   * unless text detection runs and `mapVouches`.
   */
  domVouches: boolean;
  /**
   * `shotRegions` were measured on the page these pixels show (captured as it settled), so with text
   * detection a frame reused for a later step needs no whole-frame read: its own map says what its DOM read.
   */
  mapVouches?: boolean;
  /**
   * Added to every region: the frame was captured at another scroll offset than the regions were measured
   * at (an older frame reused after a scroll), so the text is elsewhere in its pixels.
   */
  regionShift?: ScrollOffset;
  /**
   * Every frame's regions as the tab's text map held them when this frame was captured, already in its pixels
   * (not moved by `regionShift`): a frame reused for a later step keeps the blur and OCR areas it had.
   */
  shotRegions?: ScreenRegions;
  /** The top window's scroll when the frame was captured: text detection lays its bands on the page with it. */
  shotScroll?: ScrollOffset;
  config: ScrubConfig;
  /** Names `config`: one scrubber (and its caches) serves every frame scrubbed with the same config. */
  configHash: string;
}

export interface ShotJobResult {
  /** CSS pixels. */
  width: number;
  height: number;
  /** OCR findings by rule, as `ocr:<rule>`; `ocr:unreadable` for words or crops blurred because OCR could not vouch for them. */
  redactions: Record<string, number>;
  crops: number;
  cacheHits: number;
  /** OCR read the whole frame (ocr.scope full, or the DOM could not vouch for it). */
  fullFrame: boolean;
  /** Foreign frames blurred whole: their own regions were not in the tab's text map when this frame was captured. */
  lateFrames?: number;
  /** Text detection (ocr.scope detect): lines found, those the DOM did not explain (read), bands run of all. */
  detection?: { lines: number; unexplained: number; bands: number; bandsRun: number };
  /** `ocrMs` includes `detectMs`. */
  timings: { decodeMs: number; ocrMs: number; encodeMs: number; totalMs: number; detectMs?: number };
}

export function imageIdFor(draftId: string): string {
  return `img:${draftId}`;
}

/**
 * Whether OCR must read the whole frame: always with `ocr.scope: full`; otherwise when nothing describes the
 * frame's pixels. The step's own snapshot does for a fresh frame; with text detection, so does the frame's own
 * map when it was measured on the page the frame shows (a frame reused for a later step).
 */
export function needsWholeRead(job: Pick<ShotJob, 'domVouches' | 'mapVouches' | 'shotRegions'>, scope: 'media' | 'detect' | 'full'): boolean {
  if (scope === 'full') return true;
  if (job.domVouches) return false;
  return !(scope === 'detect' && job.mapVouches && job.shotRegions);
}
