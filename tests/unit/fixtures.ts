// Small builders for unit tests.
import type { Step } from '../../src/core/schema';
import type { Task } from '../../src/core/task';
import type { StepDraft } from '../../src/core/step-draft';

export const TASK_ID = '0b6f3c1e-9a4d-4e2b-8f1a-3c5d7e9f1a2b';

export function task(overrides: Partial<Task> = {}): Task {
  return { id: TASK_ID, instruction: 'Buy a USB-C cable under $10', status: 'review', createdAt: 1_700_000_000_000, endedAt: 1_700_000_100_000, stepCount: 2, ...overrides };
}

export function step(id: number, overrides: Partial<Step> = {}): Step {
  return {
    task_id: TASK_ID,
    step_id: id,
    timestamp: 1_700_000_000_000 + id,
    observation: {
      screenshot_path: `images/${TASK_ID}/step_${id}.png`,
      dom_tree: `<html id="1"><body id="2"><button id="42" bbox="10,20,100,30">Add to cart</button></body></html>`,
      active_window: 'Demo shop',
      url: 'http://127.0.0.1/demo/',
      viewport: { width: 1280, height: 800 },
      device_pixel_ratio: 1,
      screenshot_captured_at: 1_700_000_000_000,
      screenshot_fresh: true,
    },
    thought_trace: "Click the 'Add to cart' button.",
    action: { type: 'click', coordinates: [60, 35], element_id: 42 },
    target: { element_id: 42, tag: 'button', selector: 'button', xpath: '/html[1]/body[1]/button[1]', role: 'button', name: 'Add to cart', text: 'Add to cart', bbox: { x: 10, y: 20, width: 100, height: 30 } },
    tab_id: 1,
    frame_id: 0,
    confirmed: false,
    ...overrides,
  };
}

/** A click's draft as a page sends it, with `overrides`. */
export function stepDraft(overrides: Partial<StepDraft> = {}): StepDraft {
  return {
    draftId: 'd-1', taskId: TASK_ID, timestamp: 1_700_000_000_500,
    action: { type: 'click', coordinates: [60, 35], element_id: 42 },
    target: { element_id: 42, tag: 'button', selector: 'button', xpath: '/html[1]/body[1]/button[1]', role: 'button', name: 'Add to cart', text: 'Add to cart', bbox: { x: 10, y: 20, width: 100, height: 30 } },
    domTree: '<html id="1"><body id="2"><button id="42">Add to cart</button></body></html>',
    title: 'Shop', url: 'http://127.0.0.1/shop', viewport: { width: 300, height: 200 }, devicePixelRatio: 2,
    lastChangeAt: 1_700_000_000_000, redactedRegions: [], mediaRegions: [], redactions: { email: 1 },
    ...overrides,
  };
}
