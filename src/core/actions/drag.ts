// A drag from `coordinates` to `to`.
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { column } from './kind';
import { describeTarget } from './words';
import { px, pyPoint } from './python';

export const fields = {
  to: z.tuple([z.number(), z.number()]).optional().describe('drag end point'),
};
export type DragAction = ActionOf<'drag', typeof fields>;

export const drag: ActionKind<DragAction> = {
  type: 'drag', fields, scrubbed: {},
  columns: { to: [column({ name: 'to', list: 'float64', optional: true, doc: 'drag end point' }, (a: DragAction) => a.to)] },
  causesNavigation: false,
  thought: (_a, target) => `Drag ${describeTarget(target)}.`,
  browserGym: (a) => (a.coordinates && a.to ? `mouse_drag_and_drop(${px(a.coordinates[0])}, ${px(a.coordinates[1])}, ${px(a.to[0])}, ${px(a.to[1])})` : 'noop()'),
  pyAutoGui: (a, at) => (at.point && a.to ? `pyautogui.moveTo(${pyPoint(at.point)}); pyautogui.dragTo(x=${px(a.to[0])}, y=${px(a.to[1])})` : '# drag: no end point was recorded'),
  replay: () => ({ skip: 'the Recorder format has no drag step' }),
};
