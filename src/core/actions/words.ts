// Words the default thoughts share: how a target is named, and a cut that
// keeps scrubbed placeholders whole (moved from thought-trace.ts).
import type { Target } from '../schema';
import { cutScrubbed } from '../scrub/cut';

const ROLE_NOUN: Record<string, string> = {
  button: 'button', link: 'link', textbox: 'field', searchbox: 'search box', combobox: 'dropdown',
  checkbox: 'checkbox', radio: 'radio button', tab: 'tab', menuitem: 'menu item', option: 'option',
  listbox: 'list', switch: 'switch', slider: 'slider', img: 'image', heading: 'heading',
};

/** Cut to `max`: the fields it is given are already scrubbed (see scrub/step-boundary), and the cut leaves their placeholders whole. */
export function clip(text: string, max = 60): string {
  return cutScrubbed(text.replace(/\s+/g, ' ').trim(), max);
}

export function describeTarget(target: Target | null): string {
  if (!target) return 'the page';
  const noun = ROLE_NOUN[target.role] ?? (target.tag === 'input' ? 'field' : 'element');
  const label = clip(target.name || target.text);
  if (label) return `the '${label}' ${noun}`;
  return `the ${target.tag} ${noun === 'element' ? '' : `${noun} `}`.trimEnd();
}
