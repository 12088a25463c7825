import { describe, expect, it } from 'vitest';
import { belongsToTask, buildStep } from '../../src/core/build-step';
import { StepSchema } from '../../src/core/schema';
import { stepDraft as draft, TASK_ID } from './fixtures';
import { createScrubber } from '../../src/core/scrub/scrubber';
import { defaultConfig } from '../../src/core/scrub/default-config';

/** The worker's scrubber: the shipped config, no NER (the page ran it). */
const scrubber = createScrubber(defaultConfig(), null);

const image = { id: 'img:d-1', width: 1280, height: 800, capturedAt: 1_700_000_000_400, fresh: true, redactions: { 'ocr:email': 2, email: 1 } };

describe('buildStep', () => {
  it('builds a valid step with the origin fields and the image', () => {
    const stored = buildStep({ draft: draft(), seq: 3, tabId: 7, frameId: 0, image, scrubber });
    expect(StepSchema.safeParse(stored.step).success).toBe(true);
    expect(stored.step.step_id).toBe(3);
    expect(stored.step.observation.screenshot_path).toBe(`images/${TASK_ID}/step_3.png`);
    expect(stored.step.observation.screenshot_fresh).toBe(true);
    expect(stored.step.observation.screenshot_captured_at).toBe(image.capturedAt);
    expect(stored.step.action.element_id).toBe(42);
    expect(stored.step.thought_trace).toContain('Add to cart');
    expect(stored.imageId).toBe('img:d-1');
    expect(stored.draftId).toBe('d-1');
    // The page's counts and the image work's are added up.
    expect(stored.redactions).toEqual({ email: 2, 'ocr:email': 2 });
    // Top frame: the page's own viewport.
    expect(stored.step.observation.viewport).toEqual({ width: 300, height: 200 });
  });

  it('takes the viewport from the capture for a subframe', () => {
    const stored = buildStep({ draft: draft(), seq: 1, tabId: 7, frameId: 5, image, scrubber });
    expect(stored.step.observation.viewport).toEqual({ width: 1280, height: 800 });
    expect(stored.step.frame_id).toBe(5);
  });

  it('without an image: no path, not fresh, and the note says why', () => {
    const stored = buildStep({ draft: draft(), seq: 1, tabId: 7, frameId: 0, image: null, scrubber, note: 'the worker stopped before the screenshot was captured' });
    expect(stored.step.observation.screenshot_path).toBeNull();
    expect(stored.step.observation.screenshot_fresh).toBe(false);
    expect(stored.step.observation.screenshot_captured_at).toBeNull();
    expect(stored.step.observation.screenshot_note).toMatch(/worker stopped/);
    expect(stored.imageId).toBeNull();
  });

  it("prefers the draft's own note (a page no script may read)", () => {
    const stored = buildStep({ draft: draft({ note: 'restricted page' }), seq: 1, tabId: 7, frameId: 0, image: null, scrubber, note: 'other' });
    expect(stored.step.observation.screenshot_note).toBe('restricted page');
  });
});

describe('belongsToTask', () => {
  const ended = { status: 'review', endedAt: 10_000 };
  it.each([
    ['a recording task takes any action', { status: 'recording', endedAt: null }, 99_999_999, true],
    ['an action before Stop belongs, however late it is processed', ended, 9_000, true],
    ['a typing session closed by Stop itself belongs', ended, 11_500, true],
    ['an action well after Stop does not', ended, 13_000, false],
  ])('%s', (_name, task, at, expected) => {
    expect(belongsToTask(task, at)).toBe(expected);
  });
});
