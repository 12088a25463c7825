// Switching to another tab (`navigation: 'new_tab'` when the tab is new),
// recorded by the worker, see background/navigation-steps.
import type { ActionKind, ActionOf } from './kind';
import { clip } from './words';
import { addressColumns, addressScrub, fields as addressFields } from './navigate';

export const fields = addressFields;
export type TabSwitchAction = ActionOf<'tab_switch', typeof fields>;

export const tab_switch: ActionKind<TabSwitchAction> = {
  type: 'tab_switch', fields, scrubbed: addressScrub, columns: addressColumns,
  causesNavigation: false,
  thought: (a) => `Switch to the tab ${clip(a.url ?? '', 100)}.`,
  browserGym: () => 'tab_focus(0)',
  pyAutoGui: () => "pyautogui.hotkey('ctrl', 'tab')",
  replay: () => ({ skip: 'a switch between tabs has no equivalent in a one-page replay' }),
};
