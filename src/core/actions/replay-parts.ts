// Pieces the replay steps share (moved from recorder-flow.ts): the flow step
// shapes, a click on the recorded target, key names, comparable addresses.
import type { ReplayContext, ReplayDecision } from './kind';

export type FlowSelector = string | string[];
export interface FlowStep { type: string; [key: string]: unknown }

/** A click on the target, or why there is none; `extra` adds fields (the secondary button). */
export function clickStep(at: ReplayContext, extra: Record<string, unknown> = {}): ReplayDecision {
  if (!at.selectors.length) return { skip: 'no element was recorded for this click (a point on the page only)' };
  return { flow: [{ type: 'click', ...at.inFrame, selectors: at.selectors, ...at.offset(), ...extra }] };
}

/** A selector as the Recorder takes it: shadow DOM as a list of selectors, host first. */
export function flowSelector(selector: string): FlowSelector {
  return selector.includes('>>>') ? selector.split('>>>').map((p) => p.trim()) : selector;
}

/** The Recorder's key names: Puppeteer's KeyInput ("Enter", "Control", "a"). */
export function flowKeys(chord: string): string[] {
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
