// A step's life, stage by stage (docs/architecture.md, "A step's life"): observation -> draft -> pending ->
// stored -> exported. Each stage's type is derived from the one before; this file proves it to the compiler
// (`npx tsc --noEmit`; vitest only runs the runtime halves). Each table below is declared over every field of
// a stage, so a field added to one stage does not compile until it says where it goes in the next one (or
// why it goes nowhere), and a field that goes somewhere must have the type it gets there.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Observation, Step } from '../../src/core/schema';
import { observationOf, type ObservationDraft, type PageObservation, type PageState, type StepDraft } from '../../src/core/step-draft';
import type { FinalDraft, StoredFinal, ExportedFinal, FinalState } from '../../src/core/final-state';
import type { PendingStep } from '../../src/core/pending-step';
import { toExportStep, type ExportedStep, type StepWork, type StoredStep } from '../../src/core/stored-step';
import type { ExportStep } from '../../src/core/export-writer';
import { buildStep } from '../../src/core/build-step';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';
import { stepDraft } from './fixtures';

/** Where a field of one stage goes in the next: a field of the schema's `Step` or its observation, of the stored record, or nowhere (why). */
type Into =
  | { readonly observation: keyof Observation }
  | { readonly step: keyof Step }
  | { readonly stored: keyof StoredStep }
  | { readonly work: keyof StepWork }
  | { readonly exported: keyof ExportedStep }
  | { readonly not: string };

/** The type a field gets where it goes (`unknown` for nowhere: anything fits). */
type Dest<I> = I extends { observation: infer O extends keyof Observation } ? Observation[O]
  : I extends { step: infer S extends keyof Step } ? Step[S]
  : I extends { stored: infer S extends keyof StoredStep } ? StoredStep[S]
  : I extends { work: infer W extends keyof StepWork } ? StepWork[W]
  : I extends { exported: infer E extends keyof ExportedStep } ? ExportedStep[E]
  : unknown;

/** The fields of `T` whose type does not fit where `table` sends them: `never` when all do. */
type Misfits<T, Table extends Record<keyof T, Into>> = {
  [K in keyof T]-?: Exclude<T[K], undefined> extends Dest<Table[K]> ? never : K
}[keyof T];

/** draft -> stored: every field of a step's draft (its observation's too), and where build-step puts it. */
const DRAFT_TO_STORED = {
  domTree: { observation: 'dom_tree' },
  domParts: { not: 'assembled into domTree by the worker (withAssembledTree)' },
  axTree: { observation: 'axtree' },
  axParts: { not: 'assembled into axTree by the worker' },
  title: { observation: 'active_window' },
  url: { observation: 'url' },
  viewport: { observation: 'viewport' },
  devicePixelRatio: { observation: 'device_pixel_ratio' },
  lastChangeAt: { not: 'picks the frame (capture-scheduler)' },
  topScroll: { not: 'moves the blur regions of a reused frame' },
  redactedRegions: { not: 'blurred in the screenshot' },
  mediaRegions: { not: 'read by OCR in the screenshot' },
  redactions: { stored: 'redactions' },
  draftId: { stored: 'draftId' },
  taskId: { step: 'task_id' },
  timestamp: { step: 'timestamp' },
  note: { observation: 'screenshot_note' },
  action: { step: 'action' },
  target: { step: 'target' },
  pageWork: { work: 'pageWork' },
} as const satisfies Record<keyof StepDraft, Into>;

/** pending -> stored: what intake added, and where it ends. */
const PENDING_TO_STORED = {
  draftId: { stored: 'draftId' },
  taskId: { stored: 'taskId' },
  arrivedAt: { not: 'the processing order only' },
  draft: { not: 'becomes the step, field by field (DRAFT_TO_STORED)' },
  tabId: { step: 'tab_id' },
  frameId: { step: 'frame_id' },
  noScreenshot: { not: 'decides whether a frame is captured' },
  frame: { not: 'blurred into the image that imageId names' },
  afterArrival: { not: 'the processing order only' },
} as const satisfies Record<keyof PendingStep, Into>;

/** stored -> exported: what the export writer takes of a stored step. */
const STORED_TO_EXPORTED = {
  taskId: { step: 'task_id' },
  seq: { exported: 'seq' },
  draftId: { not: 'recognises a retried draft in the extension only' },
  step: { exported: 'step' },
  imageId: { exported: 'imageId' },
  redactions: { exported: 'redactions' },
  deleted: { not: 'a deleted step is left out of the export (exportOrder)' },
  work: { not: 'how the step was processed, kept in the extension' },
} as const satisfies Record<keyof StoredStep, Into>;

describe('a step\'s life: each stage derived from the one before', () => {
  it('observation -> page state and drafts: each adds fields to the page\'s observation', () => {
    expectTypeOf<PageState>().toExtend<PageObservation>();
    expectTypeOf<ObservationDraft>().toExtend<PageObservation>();
    expectTypeOf<StepDraft>().toExtend<ObservationDraft>();
    expectTypeOf<FinalDraft>().toExtend<ObservationDraft>();
    // The observation's fields the schema has are typed by it: the schema is the origin.
    expectTypeOf<PageObservation['domTree']>().toEqualTypeOf<Observation['dom_tree']>();
    expectTypeOf<PageObservation['viewport']>().toEqualTypeOf<Observation['viewport']>();
    expectTypeOf<StepDraft['action']>().toEqualTypeOf<Step['action']>();
    expectTypeOf<StepDraft['target']>().toEqualTypeOf<Step['target']>();
  });

  it('draft -> pending: keyed by the draft\'s own keys, holding the draft whole', () => {
    expectTypeOf<Pick<PendingStep, 'draftId' | 'taskId'>>().toEqualTypeOf<Pick<StepDraft, 'draftId' | 'taskId'>>();
    expectTypeOf<StepDraft>().toExtend<PendingStep['draft']>();
    expectTypeOf<FinalDraft>().toExtend<PendingStep['draft']>();
  });

  it('pending -> stored: the same keys, the schema\'s Step, and storage\'s own fields', () => {
    expectTypeOf<Pick<StoredStep, 'draftId' | 'taskId'>>().toEqualTypeOf<Pick<PendingStep, 'draftId' | 'taskId'>>();
    expectTypeOf<StoredStep['step']>().toEqualTypeOf<Step>();
    expectTypeOf<Pick<StoredFinal, 'draftId' | 'taskId' | 'imageId' | 'redactions'>>().toEqualTypeOf<Pick<StoredStep, 'draftId' | 'taskId' | 'imageId' | 'redactions'>>();
    expectTypeOf<Misfits<StepDraft, typeof DRAFT_TO_STORED>>().toBeNever();
    expectTypeOf<Misfits<PendingStep, typeof PENDING_TO_STORED>>().toBeNever();
  });

  it('stored -> exported: a stored step is what the writer takes, under either name', () => {
    expectTypeOf<StoredStep>().toExtend<ExportedStep>();
    expectTypeOf<ExportStep>().toEqualTypeOf<ExportedStep>();
    expectTypeOf<StoredFinal>().toExtend<ExportedFinal>();
    expectTypeOf<ExportedFinal['state']>().toEqualTypeOf<FinalState>();
    expectTypeOf<Misfits<StoredStep, typeof STORED_TO_EXPORTED>>().toBeNever();
  });

  it('each field lands where its table says (build-step, toExportStep)', () => {
    const scrubber = createScrubber(defaultConfig(), null);
    const draft = stepDraft({ axTree: "[1] button 'Add to cart'", note: 'thin', pageWork: { captureMs: 1, buildMs: 2 } });
    const pending: PendingStep = { draftId: draft.draftId, taskId: draft.taskId, arrivedAt: 1, draft, tabId: 7, frameId: 0, noScreenshot: false, frame: null };
    const work: StepWork = { acceptedAt: 1, storedAt: 2, imageMs: null, ocrMs: null, crops: 0, cacheHits: 0, fullFrame: false, pageWork: draft.pageWork! };
    const stored = buildStep({ draft, seq: 4, tabId: pending.tabId, frameId: pending.frameId, image: null, work, scrubber });
    // step_id and screenshot_path are renumbered on export; every other field passes through.
    const exported = toExportStep({ ...stored, step: { ...stored.step, step_id: 1 } }, 1, false);
    const places = { observation: stored.step.observation, step: stored.step, stored, work: stored.work, exported };
    const landed = (table: Record<string, Into>, from: object, to: Partial<typeof places>): void => {
      for (const [field, into] of Object.entries(table)) {
        if ('not' in into) continue;
        const [where, key] = Object.entries(into)[0] as [keyof typeof places, string];
        expect((to[where] as Record<string, unknown> | undefined)?.[key], field).toEqual((from as Record<string, unknown>)[field]);
      }
    };
    landed(DRAFT_TO_STORED, draft, places);
    landed(PENDING_TO_STORED, pending, places);
    landed(STORED_TO_EXPORTED, { ...stored, step: exported.step }, { step: exported.step, exported });
  });

  it('observationOf keeps every field of the observation but the parts the worker assembles', () => {
    const every = {
      domTree: '<html id="1"/>', domParts: { marked: '<html id="1"/>', boxes: [], target: null, maxChars: 1 }, axTree: '',
      axParts: { marked: '', focusedId: null, maxChars: 1 },
      title: 't', url: 'u', viewport: { width: 1, height: 1 }, devicePixelRatio: 1, lastChangeAt: 1, topScroll: { x: 0, y: 3 },
      redactedRegions: [], mediaRegions: [], redactions: {},
    } satisfies Record<keyof PageObservation, unknown>;
    const { domParts: _d, axParts: _a, ...kept } = every;
    expect(observationOf(every)).toEqual(kept);
  });
});
