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
import type { Step, Target } from './schema';

export type FlowSelector = string | string[];
export interface FlowStep { type: string; [key: string]: unknown }
export interface RecorderFlow { title: string; steps: FlowStep[] }

/** Where each trajectory step went: the flow steps it became, or why it has none. */
export type StepPlan = { stepId: number; type: string; flowSteps: number[] } | { stepId: number; type: string; skip: string };

function selectors(t: Target | null): FlowSelector[] {
  if (!t) return [];
  const out: FlowSelector[] = [];
  const name = t.name.trim();
  if (name && t.role && name.length <= 80 && !name.includes('<REDACTED')) out.push(`aria/${name}[role="${t.role}"]`);
  if (t.selector) out.push(t.selector.includes('>>>') ? t.selector.split('>>>').map((p) => p.trim()) : t.selector);
  // A CSS selector anchored on a name the page gave (row-id="SKU-96", data-testid) beats a position: replay tools race
  // all selectors, and in a virtualised list the positional XPath finds whichever row was recycled into that slot.
  const named = !!t.selector && /\[[\w-]+="/.test(t.selector);
  if (t.xpath && !t.xpath.includes('#shadow-root') && !named) out.push(`xpath/${t.xpath}`);
  return out;
}

/** The Recorder's key names: Puppeteer's KeyInput ("Enter", "Control", "a"). */
function keys(chord: string): string[] {
  return chord.split('+').filter(Boolean).map((k) => (k === 'Space' ? ' ' : k));
}

/** An address without the values the scrubber replaced: what a replay can compare. */
export function comparableUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of [...u.searchParams]) if (/REDACTED|<[A-Z_]+>/.test(v)) u.searchParams.delete(k);
    u.hash = u.hash.includes('REDACTED') ? '' : u.hash;
    return u.toString();
  } catch {
    return url;
  }
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
    const sel = selectors(s.target);
    const frame = frameOf(s);
    const inFrame = frame ? { frame } : {};
    const offset = (): { offsetX: number; offsetY: number } => {
      const box = s.target?.bbox;
      const [x, y] = a.coordinates ?? [0, 0];
      return box ? { offsetX: Math.max(0, Math.round(x - box.x)), offsetY: Math.max(0, Math.round(y - box.y)) } : { offsetX: 1, offsetY: 1 };
    };
    switch (a.type) {
      case 'click': case 'submit': case 'check': case 'right_click':
        if (!sel.length) { skip(s, 'no element was recorded for this click (a point on the page only)'); break; }
        add(s, { type: 'click', ...inFrame, selectors: sel, ...offset(), ...(a.type === 'right_click' ? { button: 'secondary' } : {}) });
        break;
      case 'double_click':
        if (!sel.length) { skip(s, 'no element was recorded for this double click'); break; }
        add(s, { type: 'doubleClick', ...inFrame, selectors: sel, ...offset() });
        break;
      case 'type':
        if (!sel.length) { skip(s, 'no field was recorded for this text'); break; }
        add(s, { type: 'change', ...inFrame, selectors: sel, value: a.text ?? '' });
        break;
      case 'select':
        if (!sel.length) { skip(s, 'no list was recorded for this choice'); break; }
        add(s, { type: 'change', ...inFrame, selectors: sel, value: a.value ?? a.label ?? '' });
        break;
      case 'key': {
        const k = keys(a.key ?? '');
        if (!k.length) { skip(s, 'no key was recorded'); break; }
        add(s, ...k.map((key) => ({ type: 'keyDown', key })), ...[...k].reverse().map((key) => ({ type: 'keyUp', key })));
        break;
      }
      case 'scroll': {
        // An element's own scroll (a grid's viewport) names it; the page's has no selectors.
        const container = a.scroll?.selector;
        const on = container ? { ...inFrame, selectors: [container.includes('>>>') ? container.split('>>>').map((p) => p.trim()) : container] } : {};
        add(s, { type: 'scroll', ...on, x: Math.round(a.scroll?.x ?? 0), y: Math.round(a.scroll?.y ?? 0) });
        break;
      }
      case 'navigate': {
        const url = a.url ?? s.observation.url;
        if (a.navigation === 'typed' || a.navigation === 'reload' || a.navigation === 'back_forward' || a.navigation === 'other') {
          add(s, { type: 'navigate', url });
        } else {
          // Caused by the step before (a link, a route change): wait until the page is at the recorded address.
          add(s, { type: 'waitForExpression', expression: `location.href.split(/[?#]/)[0] === ${JSON.stringify(comparableUrl(url).split(/[?#]/)[0])}` });
        }
        break;
      }
      case 'tab_switch': skip(s, 'a switch between tabs has no equivalent in a one-page replay'); break;
      case 'file': skip(s, 'the uploaded file is not part of the export'); break;
      case 'drag': skip(s, 'the Recorder format has no drag step'); break;
    }
  }
  return { flow: { title, steps: flowSteps }, plan };
}
