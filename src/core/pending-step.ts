// A step between intake and storage. The worker writes it to IndexedDB before
// it acknowledges the draft, so a worker stop, a reload or a navigation cannot
// lose it; the worker resumes pending steps when it starts again. The raw
// frame it waits on is sealed with a key that lives only in memory
// (storage.session): on disk it is unreadable, and after a browser restart
// it cannot be opened at all, so the step is then stored without a screenshot.
import type { ObservationDraft, ScrollOffset, StepDraft } from './step-draft';
import type { Step } from './schema';
import type { ScreenRegions } from './tab-text-map';
import type { FinalDraft } from './final-state';

/** The captured frame, AES-GCM sealed; `data` decrypts to the capture's PNG data URL. */
export interface SealedShot {
  kind: 'sealed';
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  capturedAt: number;
  /** Captured after the page's last change and before the action. */
  fresh: boolean;
  note?: string;
  /** The top window's scroll offset when it was captured, if the page reported it. */
  topScroll?: ScrollOffset;
  /** Every frame's regions as the tab's text map held them at the capture, in this frame's pixels (boxes only). */
  regions?: ScreenRegions;
  /** `regions` were measured on the page these pixels show (a frame captured as the page settled). */
  mapSettled?: boolean;
  /** With `mapSettled`: when the pixels were taken, and when each report `regions` came from was filed. */
  pixelsAt?: number;
  reports?: number[];
}

/** What the worker knows of a captured frame, sealed with it and held beside it in memory. */
export type ShotFacts = Omit<SealedShot, 'kind' | 'iv' | 'data'>;

/** No frame can be had; `note` says why (stored as the step's screenshot_note). */
export interface NoShot { kind: 'none'; note: string }

/**
 * The draft as intake files it: keyed by the draft's own id and task, holding the draft whole (the record is
 * what IndexedDB keeps, so it wraps the draft rather than spreading it) and adding where it came from.
 */
export interface PendingStep extends Pick<ObservationDraft, 'draftId' | 'taskId'> {
  /** Arrival order at the worker (ms epoch; ties broken by draftId). */
  arrivedAt: number;
  /** A step's draft, or a task's final observation (core/final-state), which goes the same way to its own store. */
  draft: StepDraft | FinalDraft;
  tabId: Step['tab_id'];
  /** The frame's number in the tab (frame/hello), the step's frame_id. */
  frameId: Step['frame_id'];
  /** Screenshots are off for this site (decided on the raw URL at intake). */
  noScreenshot: boolean;
  /** null while the capture is under way in the worker that accepted the step. */
  frame: SealedShot | NoShot | null;
  /**
   * Sent by a page whose load report (of this arrival time) the worker had not decided yet: the step waits for
   * that decision, and the navigation it makes is numbered before it (background/arrival-stamps).
   */
  afterArrival?: number;
}

/** Said of a step taken in for a page that was gone before its own step reached the worker. */
export const PAGE_GONE_NOTE = 'its page was gone before the step reached the worker: no screenshot of it could be taken';

/** Said of a step whose frame a stopped worker never finished capturing. */
export const SHOT_LOST_NOTE = 'the worker stopped before the screenshot was captured';
/** Said of a step whose sealed frame cannot be opened (the browser restarted and the key is gone). */
export const SHOT_KEY_LOST_NOTE = 'the browser restarted before the screenshot was scrubbed; the raw frame was unreadable and discarded';
