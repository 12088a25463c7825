// A short default description of a step, derived from the action and its
// target, which the reviewer can edit ("Click the 'Add to cart' button").
// Made from a step's scrubbed fields, then scrubbed whole (scrub/step-boundary).
import type { Action, Target } from './schema';
import { cutScrubbed } from './scrub/cut';

const ROLE_NOUN: Record<string, string> = {
  button: 'button', link: 'link', textbox: 'field', searchbox: 'search box', combobox: 'dropdown',
  checkbox: 'checkbox', radio: 'radio button', tab: 'tab', menuitem: 'menu item', option: 'option',
  listbox: 'list', switch: 'switch', slider: 'slider', img: 'image', heading: 'heading',
};

/** Cut to `max`: the fields it is given are already scrubbed (see scrub/step-boundary), and the cut leaves their placeholders whole. */
function clip(text: string, max = 60): string {
  return cutScrubbed(text.replace(/\s+/g, ' ').trim(), max);
}

function describeTarget(target: Target | null): string {
  if (!target) return 'the page';
  const noun = ROLE_NOUN[target.role] ?? (target.tag === 'input' ? 'field' : 'element');
  const label = clip(target.name || target.text);
  if (label) return `the '${label}' ${noun}`;
  return `the ${target.tag} ${noun === 'element' ? '' : `${noun} `}`.trimEnd();
}

export function defaultThoughtTrace(action: Action, target: Target | null): string {
  const what = describeTarget(target);
  switch (action.type) {
    case 'click': return `Click ${what}.`;
    case 'double_click': return `Double-click ${what}.`;
    case 'right_click': return `Open the context menu on ${what}.`;
    case 'type': return `Type '${clip(action.text ?? '', 80)}' into ${what}.`;
    case 'key': return `Press ${action.key ?? 'a key'}${target ? ` in ${what}` : ''}.`;
    case 'select': return `Choose '${clip(action.label ?? action.value ?? '')}' in ${what}.`;
    case 'check': return `${action.checked ? 'Check' : 'Uncheck'} ${what}.`;
    case 'scroll': return `Scroll the page to (${Math.round(action.scroll?.x ?? 0)}, ${Math.round(action.scroll?.y ?? 0)}).`;
    case 'submit': return `Submit the form${target?.name ? ` '${clip(target.name)}'` : ''}.`;
    case 'navigate': {
      const how = action.navigation === 'back_forward' ? 'Go back or forward to'
        : action.navigation === 'reload' ? 'Reload' : 'Go to';
      return `${how} ${clip(action.url ?? 'the page', 100)}.`;
    }
    case 'tab_switch': return `Switch to the tab ${clip(action.url ?? '', 100)}.`;
    case 'file': return `Choose the file ${(action.files ?? []).join(', ') || '(none)'} in ${what}.`;
    case 'drag': return `Drag ${what}.`;
  }
}
