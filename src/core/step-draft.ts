// One shape for what a page reports: the observation of a page at an instant
// (PageObservation), and a step draft = that observation + the action. The
// page state sent on pagehide, the draft of an action and the stored step's
// observation all derive from these; each later stage only adds fields.
// Raw page text never leaves the page: the content script scrubs dom_tree and
// action text before sending a draft.
import type { Action, Box, Target } from './schema';
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
  domTree: string;
  /** The tree's parts as the page sends them; the worker assembles `domTree` from them (core/dom-tree-parts). */
  domParts?: DomTreeParts;
  /** observation.axtree: the accessibility tree as text, one node per line, with dom_tree's ids (core/ax-tree-parts). */
  axTree?: string;
  /** Its parts as the page sends them; the worker assembles `axTree` from them, as `domTree` (withAssembledTree). */
  axParts?: AxTreeParts;
  title: string;
  url: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
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
export interface PageState extends PageObservation { at: number }

export interface StepDraft extends PageObservation {
  /** Unique per draft, so a retried send is stored once. */
  draftId: string;
  /** The task being recorded when the action happened (a step may arrive just after Stop). */
  taskId: string;
  timestamp: number;
  action: Action;
  target: Target | null;
  /** Why the observation is thin, when the background made it (e.g. a chrome:// page no script may read). */
  note?: string;
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
