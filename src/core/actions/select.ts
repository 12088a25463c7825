// A choice in a <select> (its value and the option's label).
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { stringColumn } from './kind';
import { clip, describeTarget } from './words';
import { pyAt, pyString } from './python';

export const fields = {
  value: z.string().optional(),
  label: z.string().optional(),
};
export type SelectAction = ActionOf<'select', typeof fields>;

export const select: ActionKind<SelectAction> = {
  type: 'select', fields,
  scrubbed: { value: 'text', label: 'text' },
  columns: {
    value: [stringColumn('value', 'selected value', (a: SelectAction) => a.value)],
    label: [stringColumn('label', 'selected option\'s label', (a: SelectAction) => a.label)],
  },
  causesNavigation: true,
  thought: (a, target) => `Choose '${clip(a.label ?? a.value ?? '')}' in ${describeTarget(target)}.`,
  // No bid, no way to pick an option: nothing rather than an action on an empty bid.
  browserGym: (a, at) => (at.bid ? `select_option(${at.bid}, ${pyString(a.label ?? a.value ?? '')})` : 'noop()'),
  pyAutoGui: (_a, at) => pyAt('click', at.point, 'select'),
  replay: (a, at) => (at.selectors.length
    ? { flow: [{ type: 'change', ...at.inFrame, selectors: at.selectors, value: a.value ?? a.label ?? '' }] }
    : { skip: 'no list was recorded for this choice' }),
};
