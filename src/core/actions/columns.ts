// The `action` struct of a packed dataset, from the registry: the common
// three columns, then each field's columns in the contract's order, as the
// kinds declaring that field give them (navigate and tab_switch share theirs).
import type { Field } from '../dataset/columns';
import { ACTION_TYPES, type Action, type ActionType } from '../schema';
import { ACTION_FIELD_ORDER, type ActionColumn, type ActionFieldName } from './kind';
import { kindOf } from './registry';

function columnsOf(type: ActionType): Partial<Record<ActionFieldName, ActionColumn<Action>[]>> {
  return kindOf(type).columns;
}

/** Every field's columns, each from the first kind (in ACTION_TYPES order) that has the field. */
const FIELD_COLUMNS: { field: ActionFieldName; column: Field }[] = ACTION_FIELD_ORDER.flatMap((field) => {
  const declared = ACTION_TYPES.map((t) => columnsOf(t)[field]).find((c) => c !== undefined) ?? [];
  return declared.map(({ column }) => ({ field, column }));
});

/** The columns of the `action` struct. */
export function actionColumns(): Field[] {
  return [
    { name: 'type', type: 'string', optional: false, doc: ACTION_TYPES.join(', ') },
    { name: 'coordinates', list: 'float64', optional: true, doc: '[x, y] in CSS pixels of the screenshot' },
    { name: 'element_id', type: 'int32', optional: true, doc: 'id of a node in this step\'s dom_tree' },
    ...FIELD_COLUMNS.map((c) => c.column),
  ];
}

/** One row's `action` struct: each column as its action's kind reads it, null for another type's field. */
export function actionRow(a: Action): Record<string, unknown> {
  const own = columnsOf(a.type);
  const row: Record<string, unknown> = { type: a.type, coordinates: a.coordinates ?? null, element_id: a.element_id };
  for (const { field, column } of FIELD_COLUMNS) row[column.name] = own[field]?.find((c) => c.column.name === column.name)?.read(a) ?? null;
  return row;
}
