// Every message between popup, options, review, content scripts, the service
// worker and the offscreen document: one discriminated union, one place.
import type { HeldText } from './held-text';
import type { StepDraft } from './step-draft';
import type { Task } from './task';
import type { OutcomeInput } from './outcome';
import type { ShotJob, ShotJobResult } from './frame-job';
import type { Box } from './schema';
import type { MediaRegion, PageObservation, ScrollOffset } from './step-draft';
import type { NavigationKind } from './page-state';
import type { LeftPage, PageExit } from './navigation-chain';
import type { ScrubConfig, ConfigError } from './scrub/config';
import type { ScreenRegions } from './tab-text-map';

export interface RecordingState {
  taskId: string;
  instruction: string;
  startedAt: number;
  /** Per-recording secret for the frames' offset channel (content/frame-offset); in storage.local, which pages cannot read. */
  frameSecret?: string;
}

import type { ExportOptions, ExportOptionsInput } from './export-options';
export type { ExportOptions } from './export-options';

export interface ExportProgress {
  exportId: string;
  /** waiting: steps of the exported tasks are still being scrubbed; the zip is written only once all are stored. */
  phase: 'waiting' | 'running' | 'done' | 'error' | 'cancelled';
  /** While waiting: steps still to be scrubbed and stored. */
  pendingSteps?: number;
  doneSteps: number;
  totalSteps: number;
  bytes: number;
  filename?: string;
  error?: string;
}

/** A zip the image-work page made, as it hands it to the worker (and keeps it for one that missed the news). */
export interface ReadyZip { exportId: string; url: string; filename: string; saveAs: boolean }

export type Message =
  // popup / pages -> background
  | { kind: 'recording/start'; instruction: string }
  | { kind: 'recording/stop' }
  | { kind: 'recording/get' }
  | { kind: 'tasks/list' }
  // `exportId`: picked by the sender (a UUID), so a start asked again after a lost message is the same export
  | { kind: 'export/start'; options: ExportOptionsInput; exportId: string }
  | { kind: 'export/cancel'; exportId: string }
  // review page -> background: a reviewer's thought, scrubbed by the worker before it is stored
  | { kind: 'review/thought'; taskId: string; seq: number; thought: string }
  // review page -> background: a task's outcome label (null outcome: unlabelled again); the note is scrubbed there
  | { kind: 'review/outcome'; taskId: string; label: OutcomeInput }
  // options page -> background
  | { kind: 'config/get' }
  | { kind: 'config/save'; text: string }
  // content -> background
  /**
   * `afterArrival`: sent while the page's load report (page/loaded, of this arrival time) was still unanswered:
   * the step comes after the navigation that report makes, whichever reaches the worker first.
   */
  | { kind: 'step/record'; draft: StepDraft; afterArrival?: number }
  /**
   * The page (any frame) settled: the worker may capture. `regions`: the frame's screen regions now, for the
   * tab's text map (core/tab-text-map); `frameBox`: a subframe's own viewport in the top-level one. `topScroll`:
   * the top window's scroll they hold at.
   */
  | { kind: 'page/settled'; lastChangeAt: number; topScroll?: ScrollOffset; regions?: ScreenRegions; frameBox?: Box }
  /** The frame changed (at `at`) for the first time since its last settle report: frames captured later do not show that report's page. */
  | { kind: 'page/changed'; at: number }
  | { kind: 'frame/hello' }
  | { kind: 'page/loaded'; url: string; title: string; navigation: NavigationKind; at: number; origin?: number; loadedUrl?: string }
  /**
   * The top page's way out as its navigate event fires (`page`: its performance.timeOrigin), and its last state
   * at pagehide: the same the page writes to storage.local itself (platform/page-handoff), sent too because
   * Firefox drops a page's storage write still under way as the page is unloaded, and a message sent is gone
   * from the page at once.
   */
  | { kind: 'page/exit'; exit: PageExit; page: number }
  | { kind: 'page/left'; left: LeftPage }
  /**
   * A field holds an edit not yet sent as a step (it is, when the field is left or the page goes). With the
   * step's scrubbed draft once per edit, then with its scrubbed text as it changes (`edit`): held in memory, for
   * a tab closed first. Without either, it only keeps the worker awake.
   */
  /** `undone`: the draft id of an edit that ended with the field as it began (no step): the worker lets it go. */
  | { kind: 'page/typing'; draft?: StepDraft; edit?: HeldText; undone?: string }
  // background -> content (top frame): its current tree, to join a cross-origin frame's step into
  | { kind: 'frame/snapshot'; target: 'content' }
  // background -> content (top frame), at Stop: the page as it is now, for the task's final state (core/final-state)
  | { kind: 'page/final'; target: 'content' }
  // background -> content (every frame), at Stop: send the steps not yet acknowledged now, answer once they are in
  | { kind: 'page/drain'; target: 'content' }
  // background -> offscreen
  | { kind: 'offscreen/export'; target: 'offscreen'; exportId: string; options: ExportOptions; configHash: string; extensionVersion: string; demonstratorHash: string | null }
  | { kind: 'offscreen/export-cancel'; target: 'offscreen'; exportId: string }
  // worker -> offscreen, as a worker starts with exports under way: which of them the page runs or has finished
  | { kind: 'offscreen/exports-known'; target: 'offscreen' }
  | { kind: 'offscreen/scrub-frame'; target: 'offscreen'; job: ShotJob }
  /** At Start: load the text detector and OCR now, so the first step's image work does not pay for it. */
  | { kind: 'offscreen/warm'; target: 'offscreen'; detect: boolean }
  // offscreen -> background / popup (broadcast)
  | { kind: 'export/progress'; progress: ExportProgress }
  | ({ kind: 'export/ready' } & ReadyZip)
  // background -> popup (broadcast)
  | { kind: 'recording/changed'; state: RecordingState | null; stepCount: number; recordedCount: number };

export type MessageKind = Message['kind'];
export type MessageOf<K extends MessageKind> = Extract<Message, { kind: K }>;

/** Reply type for each request; broadcasts reply with void. */
export interface ReplyMap {
  'recording/start': { ok: true; state: RecordingState } | { ok: false; error: string };
  'recording/stop': { ok: true; task: Task | null };
  /** `stepCount`: stored; `recordedCount`: accepted (stored or still being scrubbed). */
  'recording/get': { state: RecordingState | null; stepCount: number; recordedCount: number; storageProblem: string | null };
  'tasks/list': { tasks: Task[] };
  'config/get': { text: string; config: ScrubConfig; isDefault: boolean; defaultText: string };
  'config/save': { ok: true; hash: string } | { ok: false; errors: ConfigError[] };
  'export/start': { ok: true; exportId: string } | { ok: false; error: string };
  'export/cancel': { ok: boolean };
  /** `thought`: as stored, scrubbed. */
  'review/thought': { ok: true; thought: string } | { ok: false; error: string };
  /** `task`: as stored, its note scrubbed. */
  'review/outcome': { ok: true; task: Task } | { ok: false; error: string };
  /** `waitForSpace`: storage is full; the sender keeps the step and retries for as long as it lives. */
  /** ok: the step is durably accepted (stored, or pending in IndexedDB and resumed after any worker stop). */
  'step/record': { ok: true; duplicate: boolean } | { ok: false; error: string; retry: boolean; waitForSpace?: boolean };
  'page/settled': { ok: true };
  'page/changed': { ok: true };
  'frame/hello': { frameId: number; tabId: number; recording: RecordingState | null };
  /** The top frame's tree and screen regions, to join a cross-origin frame's step into. */
  'frame/snapshot': { xml: string; axtree?: string; redactedRegions: Box[]; mediaRegions: MediaRegion[]; topScroll?: ScrollOffset } | null;
  /** The page now, scrubbed in the page as a step's observation is. */
  'page/final': PageObservation | null;
  /** How many of the frame's steps were still unacknowledged when it answered (0: all in). */
  'page/drain': { unsent: number };
  'page/loaded': { ok: true };
  'page/typing': { ok: true };
  'page/exit': { ok: true };
  'page/left': { ok: true };
  'offscreen/export': { ok: true };
  'offscreen/export-cancel': { ok: true };
  /** `ready`: zips made and not yet confirmed handed over; `finished`: exports ended without a zip. */
  'offscreen/exports-known': { ok: true; running: string[]; ready: ReadyZip[]; finished: string[] };
  'offscreen/scrub-frame': { ok: true; result: ShotJobResult } | { ok: false; error: string };
  'offscreen/warm': { ok: true };
  'export/progress': void;
  'export/ready': void;
  'recording/changed': void;
}

export type Reply<K extends MessageKind> = ReplyMap[K];

/** The kinds of context a message can come from (see platform/sender for how a sender is classified). */
export type SenderKind = 'extension-page' | 'content-script' | 'offscreen' | 'worker';

/**
 * Who may send each kind. Privileged kinds (recording control, config, export,
 * task lists) come only from the extension's own pages; page kinds only from
 * content scripts in tabs; offscreen work only from the worker. A compromised
 * renderer can send anything, so receivers drop what its sender may not send.
 */
export const SENT_BY: { readonly [K in MessageKind]: readonly SenderKind[] } = {
  'recording/start': ['extension-page'],
  'recording/stop': ['extension-page'],
  'recording/get': ['extension-page'],
  'tasks/list': ['extension-page'],
  'export/start': ['extension-page'],
  'export/cancel': ['extension-page'],
  'review/thought': ['extension-page'],
  'review/outcome': ['extension-page'],
  // Content scripts scrub with the config in force; it is no secret (content scripts can read storage.local anyway).
  'config/get': ['extension-page', 'content-script'],
  'config/save': ['extension-page'],
  'step/record': ['content-script'],
  'page/settled': ['content-script'],
  'page/changed': ['content-script'],
  'frame/hello': ['content-script'],
  'page/loaded': ['content-script'],
  'page/typing': ['content-script'],
  'page/exit': ['content-script'],
  'page/left': ['content-script'],
  'frame/snapshot': ['worker'],
  'page/final': ['worker'],
  'page/drain': ['worker'],
  'offscreen/export': ['worker'],
  'offscreen/export-cancel': ['worker'],
  'offscreen/exports-known': ['worker'],
  'offscreen/scrub-frame': ['worker'],
  'offscreen/warm': ['worker'],
  // The worker reports an export's wait for its steps, a cancel while waiting, and what it could not resume.
  'export/progress': ['offscreen', 'worker'],
  'export/ready': ['offscreen'],
  'recording/changed': ['worker'],
};

const KINDS: ReadonlySet<string> = new Set(Object.keys(SENT_BY));

/** Narrow an unknown runtime message; anything else is not ours. */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && KINDS.has((value as { kind?: unknown }).kind as string);
}
