// One packed row per step, shaped as STEP_COLUMNS declares.
import type { Step } from '../schema';
import { formatAction, formatStepAction } from '../action-format';
import { actionRow } from '../actions/columns';
import type { Outcome } from '../outcome';
import type { FinalState } from '../final-state';

export interface RowProvenance {
  sourceZip: string;
  extensionVersion: string | null;
  scrubConfigHash: string | null;
  recordedAt: string | null;
  demonstratorHash: string | null;
  site: string | null;
}

export interface StepRowInput {
  step: Step;
  instruction: string;
  /** The scroll offset before this step (for actions that scroll by a delta). */
  previousScroll: { x: number; y: number };
  image: Uint8Array | null;
  provenance: RowProvenance;
  /** The task's reviewer's label, on each of its rows; null when unlabelled. `failureStep` is a step_id. */
  outcome?: { outcome: Outcome; failureStep: number | null } | null;
  /** The task's final state and its screenshot, on the task's last row only. */
  final?: { state: FinalState; image: Uint8Array | null } | null;
}

export function stepRow({ step, instruction, previousScroll, image, provenance, outcome, final }: StepRowInput): Record<string, unknown> {
  const o = step.observation;
  const a = step.action;
  const t = step.target;
  return {
    task_id: step.task_id,
    step_id: step.step_id,
    timestamp: BigInt(Math.round(step.timestamp)),
    observation: {
      screenshot_path: o.screenshot_path, dom_tree: o.dom_tree, active_window: o.active_window, url: o.url,
      viewport_width: Math.round(o.viewport.width), viewport_height: Math.round(o.viewport.height),
      device_pixel_ratio: o.device_pixel_ratio, screenshot_fresh: o.screenshot_fresh,
    },
    thought_trace: step.thought_trace,
    action: actionRow(a),
    target: t && {
      element_id: t.element_id, tag: t.tag, selector: t.selector, xpath: t.xpath, role: t.role, name: t.name, text: t.text,
      bbox_x: t.bbox.x, bbox_y: t.bbox.y, bbox_width: t.bbox.width, bbox_height: t.bbox.height,
    },
    instruction,
    action_json: formatAction(a, 'json'),
    action_call: formatAction(a, 'call'),
    action_browsergym: formatStepAction(step, 'browsergym', previousScroll),
    action_pyautogui: formatStepAction(step, 'pyautogui', previousScroll),
    image: image && o.screenshot_path ? { bytes: image, path: o.screenshot_path.split('/').pop() } : null,
    site: provenance.site,
    source_zip: provenance.sourceZip,
    extension_version: provenance.extensionVersion,
    scrub_config_hash: provenance.scrubConfigHash,
    recorded_at: provenance.recordedAt,
    demonstrator_hash: provenance.demonstratorHash,
    outcome: outcome?.outcome ?? null,
    failure_step: outcome?.failureStep ?? null,
    final_observation: final ? finalRow(final.state) : null,
    final_image: final?.image && final.state.observation.screenshot_path ? { bytes: final.image, path: final.state.observation.screenshot_path.split('/').pop() } : null,
  };
}

function finalRow(f: FinalState): Record<string, unknown> {
  const o = f.observation;
  return {
    timestamp: BigInt(Math.round(f.timestamp)), screenshot_path: o.screenshot_path, dom_tree: o.dom_tree, axtree: o.axtree ?? null,
    active_window: o.active_window, url: o.url, screenshot_fresh: o.screenshot_fresh,
  };
}
