// A scroll of the page or of an element (a list, a grid), as its resulting offset.
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { column } from './kind';
import { flowSelector } from './replay-parts';

export const fields = {
  scroll: z.object({
    x: z.number(), y: z.number(),
    selector: z.string().optional().describe('CSS selector of the element that scrolled (a list, a grid); absent when the page scrolled'),
  }).optional().describe('resulting scroll offset'),
};
export type ScrollAction = ActionOf<'scroll', typeof fields>;

export const scroll: ActionKind<ScrollAction> = {
  type: 'scroll', fields,
  scrubbed: { 'scroll.selector': 'text' },
  columns: {
    scroll: [
      column({ name: 'scroll_x', type: 'float64', optional: true, doc: 'resulting scroll offset' }, (a: ScrollAction) => a.scroll?.x),
      column({ name: 'scroll_y', type: 'float64', optional: true, doc: 'resulting scroll offset' }, (a: ScrollAction) => a.scroll?.y),
      column({ name: 'scroll_selector', type: 'string', optional: true, doc: 'CSS selector of the element that scrolled (a list, a grid); null when the page did' }, (a: ScrollAction) => a.scroll?.selector),
    ],
  },
  causesNavigation: false,
  thought: (a) => `Scroll the page to (${Math.round(a.scroll?.x ?? 0)}, ${Math.round(a.scroll?.y ?? 0)}).`,
  browserGym: (a, at) => {
    const to = a.scroll ?? { x: 0, y: 0 };
    const from = at.previousScroll ?? { x: 0, y: 0 };
    return `scroll(${Math.round(to.x - from.x)}, ${Math.round(to.y - from.y)})`;
  },
  pyAutoGui: (a, at) => {
    // pyautogui scrolls in wheel clicks, up (and left) positive: one click is about 100 CSS pixels; any scroll is one at least.
    const clicks = (d: number): number => (d === 0 ? 0 : -Math.sign(d) * Math.max(1, Math.round(Math.abs(d) / 100)));
    const dy = clicks((a.scroll?.y ?? 0) - (at.previousScroll?.y ?? 0));
    const dx = clicks((a.scroll?.x ?? 0) - (at.previousScroll?.x ?? 0));
    // No change of offset (the page was already at its end): scroll(0) would do nothing, so it is a note.
    if (!dx && !dy) return '# scroll: the offset did not change';
    return [...(dy ? [`pyautogui.scroll(${dy})`] : []), ...(dx ? [`pyautogui.hscroll(${-dx})`] : [])].join('; ');
  },
  replay: (a, at) => {
    // An element's own scroll (a grid's viewport) names it; the page's has no selectors.
    const container = a.scroll?.selector;
    const on = container ? { ...at.inFrame, selectors: [flowSelector(container)] } : {};
    return { flow: [{ type: 'scroll', ...on, x: Math.round(a.scroll?.x ?? 0), y: Math.round(a.scroll?.y ?? 0) }] };
  },
};
