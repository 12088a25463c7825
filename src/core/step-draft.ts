// What a content script reports for one action, before the background adds
// the screenshot, the step id and storage. Raw page text never leaves the page:
// the content script scrubs dom_tree and action text before sending a draft.
import type { Action, Box, Target } from './schema';

export interface StepDraft {
  /** Unique per draft, so a retried send is stored once. */
  draftId: string;
  /** The task being recorded when the action happened (a step may arrive just after Stop). */
  taskId: string;
  timestamp: number;
  action: Action;
  target: Target | null;
  domTree: string;
  title: string;
  url: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** Last time the page visibly changed (DOM mutation, scroll, resize), ms epoch. */
  lastChangeAt: number;
  /** Regions (CSS px, top-level viewport) whose text was redacted: blurred in the screenshot. */
  redactedRegions: Box[];
  /** Counts of redactions by rule, for the scrub report. */
  redactions: Record<string, number>;
  /** Why the observation is thin, when the background made it (e.g. a chrome:// page no script may read). */
  note?: string;
}
