// Key presses that matter: Enter, Tab, Escape, function keys, shortcuts with
// modifiers, and arrows/Home/End/PageUp/PageDown inside widgets. Plain typing
// is the input observer's `type` step; page scrolling keys are the scroll
// observer's. Keys that change a select or a checkbox leave their snapshot
// for the resulting select/check step instead of a key step of their own.
import type { ObserverParam } from './observer-param';
import { listen } from '../guard';
import { eventElement, isTextField, isToggle } from '../dom-utils';
import { focusedWithin } from '../focused-element';
import type { ShadowOpener } from '../../platform/host/closed-shadow-roots';
import { attrOf, bodyOf, MAX_WALK, parentElementOf, tagOf } from '../dom-safe';

const ALWAYS = new Set(['Enter', 'Tab', 'Escape']);
const NAVIGATION = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const WIDGET_ROLES = new Set(['listbox', 'menu', 'menubar', 'grid', 'tree', 'treegrid', 'tablist', 'slider', 'radiogroup',
  'combobox', 'spinbutton', 'option', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'treeitem', 'gridcell', 'row']);
const EDIT_SHORTCUTS = new Set(['a', 'c', 'v', 'x', 'z', 'y']);
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

function inWidget(el: Element | null): boolean {
  for (let n: Element | null = el, i = 0; n && i < MAX_WALK; n = parentElementOf(n), i++) {
    const role = attrOf(n, 'role');
    if (role && WIDGET_ROLES.has(role)) return true;
    if (tagOf(n) === 'input' && (n as HTMLInputElement).type === 'range') return true;
  }
  return false;
}

export function keyName(e: KeyboardEvent): string {
  const mods = [e.ctrlKey && 'Control', e.altKey && 'Alt', e.metaKey && 'Meta', e.shiftKey && e.key.length > 1 && 'Shift'].filter(Boolean);
  return [...mods, e.key.length === 1 ? e.key.toLowerCase() : e.key].join('+');
}

/**
 * What a keydown on `el` (the element the event names, a shadow host for a field in a closed root) is: a key
 * step, the snapshot for a widget's own step, or nothing. Whether it is typed into a field, and a sensitive
 * one, is decided by the element that has focus, through shadow roots (see focused-element).
 */
export function keyKind(event: KeyboardEvent, el: Element | null, isSensitive: (el: Element) => boolean, open?: ShadowOpener): 'step' | 'widget' | null {
  if (event.repeat || MODIFIER_KEYS.has(event.key)) return null;
  // Widgets whose change becomes its own step: keep the pre-change snapshot for it.
  if (el && (tagOf(el) === 'select' || (isToggle(el) && event.key === ' '))) return 'widget';
  const focused = el && focusedWithin(el, open);
  const field = isTextField(focused);
  const shortcut = event.ctrlKey || event.metaKey || (event.altKey && event.key.length === 1);
  let matters = ALWAYS.has(event.key) || /^F\d{1,2}$/.test(event.key);
  if (shortcut) matters = !(field && EDIT_SHORTCUTS.has(event.key.toLowerCase()));
  if (!matters && NAVIGATION.has(event.key) && !field && inWidget(el)) matters = true;
  if (!matters) return null;
  // In a sensitive field only Enter, Tab and Escape are steps: Alt/AltGr/Ctrl characters would spell the secret.
  if (field && focused && !ALWAYS.has(event.key) && isSensitive(focused)) return null;
  return 'step';
}

export type KeyObserverParam = Pick<ObserverParam, 'recording' | 'gesture' | 'isSensitive' | 'capture' | 'emit'>;

export function initKeyObserver(win: Window, recorder: KeyObserverParam): () => void {
  return listen(win, 'keydown', (e) => {
    const event = e as KeyboardEvent;
    if (!event.isTrusted || !recorder.recording) return;
    const el = eventElement(event);
    const kind = keyKind(event, el, (f) => recorder.isSensitive(f));
    if (kind === 'widget' && el) recorder.gesture.keyPressed({ pre: recorder.capture(el), element: el, at: Date.now() });
    if (kind !== 'step') return;
    // The step's target is the element the recorded tree knows: the host, for a field in a closed root.
    const pre = recorder.capture(el && el !== bodyOf(win.document) ? el : null);
    recorder.emit(pre, { type: 'key', coordinates: null, key: keyName(event) });
  });
}
