// A field edit: the text the field holds when the typing session ends.
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { stringColumn } from './kind';
import { clip, describeTarget } from './words';
import { pyString, pyWrite } from './python';

export const fields = {
  text: z.string().optional().describe('final text of a field edit (type)'),
};
export type TypeAction = ActionOf<'type', typeof fields>;

export const typing: ActionKind<TypeAction> = {
  type: 'type', fields,
  scrubbed: { text: 'text' },
  columns: { text: [stringColumn('text', 'final text of a field edit', (a: TypeAction) => a.text)] },
  causesNavigation: true,
  thought: (a, target) => `Type '${clip(a.text ?? '', 80)}' into ${describeTarget(target)}.`,
  browserGym: (a, at) => (at.bid ? `fill(${at.bid}, ${pyString(a.text ?? '')})` : `keyboard_type(${pyString(a.text ?? '')})`),
  pyAutoGui: (a) => pyWrite(a.text ?? ''),
  replay: (a, at) => (at.selectors.length
    ? { flow: [{ type: 'change', ...at.inFrame, selectors: at.selectors, value: a.text ?? '' }] }
    : { skip: 'no field was recorded for this text' }),
};
