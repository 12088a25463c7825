// A task as a Chrome DevTools Recorder flow (the JSON the Recorder panel
// imports and @puppeteer/replay runs), with the trajectory step each flow
// step came from, so a replay can report per recorded step.
// - setViewport and navigate open the task where it started;
// - clicks carry offsets inside the target and selectors in order of
//   robustness: aria/Name[role="…"], the CSS selector (shadow DOM as a
//   selector list, host first), xpath/…;
// - typed text and chosen options are `change` steps; `<REDACTED>` is typed as
//   it is (the flow never holds a secret the export does not);
// - keys are keyDown/keyUp pairs (chords too); scrolls are page scrolls;
// - a navigation caused by the step before it waits for the recorded address;
//   a typed address, a reload or back/forward navigates.
// Steps no replay can perform are listed with the reason, not invented.
// Each action type makes its own flow steps (actions/<type>.ts).
import type { Step, Target } from './schema';
import type { ReplayContext } from './actions/kind';
import { kindOf } from './actions/registry';
import { flowSelector, type FlowSelector, type FlowStep } from './actions/replay-parts';

export type { FlowSelector, FlowStep } from './actions/replay-parts';
export { comparableUrl } from './actions/replay-parts';
export interface RecorderFlow { title: string; steps: FlowStep[] }

/** Where each trajectory step went: the flow steps it became, or why it has none. */
export type StepPlan = { stepId: number; type: string; flowSteps: number[] } | { stepId: number; type: string; skip: string };

function selectors(t: Target | null): FlowSelector[] {
  if (!t) return [];
  const out: FlowSelector[] = [];
  const name = t.name.trim();
  if (name && t.role && name.length <= 80 && !name.includes('<REDACTED')) out.push(`aria/${name}[role="${t.role}"]`);
  if (t.selector) out.push(flowSelector(t.selector));
  // A CSS selector anchored on a name the page gave (row-id="SKU-96", data-testid) beats a position: replay tools race
  // all selectors, and in a virtualised list the positional XPath finds whichever row was recycled into that slot.
  const named = !!t.selector && /\[[\w-]+="/.test(t.selector);
  if (t.xpath && !t.xpath.includes('#shadow-root') && !named) out.push(`xpath/${t.xpath}`);
  return out;
}

/**
 * The Recorder's frame path to a step's target: for each frame between the
 * page and the element, that frame's index among its parent's frames in
 * document order, read from the dom_tree (which nests a same-origin frame's
 * document inside its <iframe>). Undefined for an element of the top document.
 */
export function framePath(domTree: string, elementId: number | null): number[] | undefined {
  if (elementId === null) return undefined;
  const counters: number[] = [0];
  const stack: { tag: string; frame: number | null }[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g;
  for (let m = tag.exec(domTree); m; m = tag.exec(domTree)) {
    const [, closing, name, attrs, selfClosing] = m;
    const lower = name!.toLowerCase();
    if (closing) {
      const top = stack.pop();
      if (top?.frame !== null && top?.frame !== undefined) counters.pop();
      continue;
    }
    const isFrame = lower === 'iframe' || lower === 'frame';
    if (new RegExp(`\\sid="${elementId}"`).test(attrs ?? '')) {
      const path = stack.filter((e) => e.frame !== null).map((e) => e.frame!);
      return path.length ? path : undefined;
    }
    if (selfClosing) {
      if (isFrame) counters[counters.length - 1]!++;
      continue;
    }
    let frame: number | null = null;
    if (isFrame) {
      frame = counters[counters.length - 1]!++;
      counters.push(0);
    }
    stack.push({ tag: lower, frame });
  }
  return undefined;
}

/**
 * `frameOf` gives a step's frame path; by default it is read from the step's
 * dom_tree (a caller that has dropped the trees passes the paths it kept).
 */
export function recorderFlow(title: string, steps: readonly Step[], frameOf: (s: Step) => number[] | undefined = (s) => framePath(s.observation.dom_tree, s.action.element_id ?? s.target?.element_id ?? null)): { flow: RecorderFlow; plan: StepPlan[] } {
  const flowSteps: FlowStep[] = [];
  const plan: StepPlan[] = [];
  const first = steps[0];
  if (first) {
    const vp = first.observation.viewport;
    flowSteps.push({ type: 'setViewport', width: Math.round(vp.width), height: Math.round(vp.height), deviceScaleFactor: first.observation.device_pixel_ratio || 1, isMobile: false, hasTouch: false, isLandscape: vp.width >= vp.height });
    flowSteps.push({ type: 'navigate', url: first.observation.url });
  }
  const add = (s: Step, ...made: FlowStep[]): void => {
    const at = flowSteps.length;
    flowSteps.push(...made);
    plan.push({ stepId: s.step_id, type: s.action.type, flowSteps: made.map((_m, i) => at + i) });
  };
  const skip = (s: Step, reason: string): void => { plan.push({ stepId: s.step_id, type: s.action.type, skip: reason }); };
  for (const s of steps) {
    const a = s.action;
    const frame = frameOf(s);
    const at: ReplayContext = {
      selectors: selectors(s.target),
      inFrame: frame ? { frame } : {},
      offset: () => {
        const box = s.target?.bbox;
        const [x, y] = a.coordinates ?? [0, 0];
        return box ? { offsetX: Math.max(0, Math.round(x - box.x)), offsetY: Math.max(0, Math.round(y - box.y)) } : { offsetX: 1, offsetY: 1 };
      },
      pageUrl: s.observation.url,
    };
    const decision = kindOf(a.type).replay(a, at);
    if ('skip' in decision) skip(s, decision.skip);
    else add(s, ...decision.flow);
  }
  return { flow: { title, steps: flowSteps }, plan };
}
