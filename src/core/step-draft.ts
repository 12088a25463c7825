// One shape for what a page reports: the observation of a page at an instant
// (PageObservation), and a step draft = that observation + the action. The
// page state sent on pagehide, the draft of an action and the stored step's
// observation all derive from these; each later stage only adds fields
// (docs/architecture.md, "A step's life"; tests/unit/step-lifecycle.test.ts).
// Fields the schema also has take their type from it (Observation, Step): the
// schema is the origin, these only name them in camelCase.
// Raw page text never leaves the page: the content script scrubs dom_tree and
// action text before sending a draft.
import type { Box, Observation, Step } from './schema';
import type { DomTreeParts } from './dom-tree-parts';
import type { AxTreeParts } from './ax-tree-parts';

/** Kinds of screen area whose pixels the DOM cannot vouch for: OCR looks there. */
export const MEDIA_KINDS = ['canvas', 'img', 'background', 'video', 'svg-image', 'embed', 'closed-shadow', 'frame'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * A screen area (CSS px, top-level viewport) drawn from pixels, not DOM text. `frame`: for a foreign frame, its
 * number in the tab once known (see core/tab-text-map: its own regions stand for it).
 */
export interface MediaRegion extends Box {
  kind: MediaKind;
  frame?: number;
  /** For a foreign frame: where its viewport starts (inside its border), as its parent measures it now. */
  viewportAt?: { x: number; y: number };
}

export interface ScrollOffset { x: number; y: number }

export interface PageObservation {
  /** The XML tree; empty while `domParts` holds it unassembled (as pages send it). */
  domTree: Observation['dom_tree'];
  /** The tree's parts as the page sends them; the worker assembles `domTree` from them (core/dom-tree-parts). */
  domParts?: DomTreeParts;
  /** observation.axtree: the accessibility tree as text, one node per line, with dom_tree's ids (core/ax-tree-parts). */
  axTree?: Observation['axtree'];
  /** Its parts as the page sends them; the worker assembles `axTree` from them, as `domTree` (withAssembledTree). */
  axParts?: AxTreeParts;
  /** observation.active_window. */
  title: Observation['active_window'];
  url: Observation['url'];
  viewport: Observation['viewport'];
  devicePixelRatio: Observation['device_pixel_ratio'];
  /** Last time the page visibly changed (DOM mutation, scroll, resize), ms epoch. */
  lastChangeAt: number;
  /**
   * The top window's scroll offset (CSS px) when the regions below were measured; absent from frames that
   * cannot read it (cross-origin). A reused frame captured at another offset has its regions moved by the difference.
   */
  topScroll?: ScrollOffset;
  /** Regions (CSS px, top-level viewport) whose text was redacted: blurred in the screenshot. */
  redactedRegions: Box[];
  /** Regions (CSS px, top-level viewport) of images, canvases, video and foreign frames: OCR'd, not trusted. */
  mediaRegions: MediaRegion[];
  /** Counts of redactions by rule, for the scrub report. */
  redactions: Record<string, number>;
}

/** A page's observation at an instant: the "before" of a navigation or a tab switch. */
export interface PageState extends PageObservation { at: Step['timestamp'] }

/** An observation sent on to be stored: a step's draft (below) or a task's final state's (core/final-state FinalDraft). */
export interface ObservationDraft extends PageObservation {
  /** Unique per draft, so a retried send is stored once. */
  draftId: string;
  /** The task being recorded when the action happened (a step may arrive just after Stop). */
  taskId: Step['task_id'];
  /** When the action happened, or the observation was taken (ms epoch). */
  timestamp: Step['timestamp'];
  /** Why the observation is thin or old, when the background made it (a chrome:// page no script may read, a closed tab's hand-over). */
  note?: string;
}

export interface StepDraft extends ObservationDraft {
  action: Step['action'];
  target: Step['target'];
  /** Main-thread time the page spent on this step (ms): the snapshot at the event, and building the draft after it. */
  pageWork?: PageWork;
}

/** Main-thread time (ms) the page spent on a step; the axtree's share of each is its own (absent from older steps). */
export interface PageWork { captureMs: number; buildMs: number; axCaptureMs?: number }

/** The observation part of a draft, without the action. */
export function observationOf(d: PageObservation): PageObservation {
  return {
    domTree: d.domTree, ...(d.axTree !== undefined ? { axTree: d.axTree } : {}), title: d.title, url: d.url, viewport: d.viewport, devicePixelRatio: d.devicePixelRatio,
    lastChangeAt: d.lastChangeAt, ...(d.topScroll ? { topScroll: d.topScroll } : {}), redactedRegions: d.redactedRegions, mediaRegions: d.mediaRegions, redactions: d.redactions,
  };
}

/** Where a step's action happened (CSS px, top-level viewport): its coordinates, else its target's centre. */
export function actionPoint(d: Pick<StepDraft, 'action' | 'target'>): [number, number] | null {
  if (d.action.coordinates) return [d.action.coordinates[0], d.action.coordinates[1]];
  const b = d.target?.bbox;
  return b ? [b.x + b.width / 2, b.y + b.height / 2] : null;
}
