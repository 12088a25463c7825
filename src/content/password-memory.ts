// Fields that held a password, remembered for as long as the page keeps them.
// A page's "show password" button makes the field type="text" (most login
// forms), or puts a new type="text" field with the same value in its place
// (older plugins). Either way the value would then read as ordinary text: the
// snapshot would write it into dom_tree, mark no region over it (so the
// screenshot keeps it readable), and typing in it would be recorded; a
// password matches no scrubber rule unless a name or label says so. Watched
// from document_start, recording or not: the password may be typed and shown
// before Start.
import { addListener, attrOf, isElement, isShadowRoot, rootNodeOf, tagOf, textValueOf } from './dom-safe';
import { focusedWithin } from './focused-element';
import type { KnownSecrets } from '../core/scrub/recognizers/known-secrets';

/** Elements seen as type="password". */
const seen = new WeakSet<Element>();
/** The values they were seen holding, each with its field, newest last. */
const noted: { value: string; field: WeakRef<Element> }[] = [];
/** The values alone, each once: a field showing one of these shows a password. */
let values: readonly string[] = [];
/** Changes with `values`: the page's scrubber redoes what it kept (see typedPasswords). */
let valuesVersion = 0;
/** Values kept at most (a person types one password or two on a page). */
const MAX_VALUES = 8;
/** Shorter values are not remembered: a 4-digit PIN would make every year field a password. */
const MIN_VALUE_LENGTH = 6;
/** Nor longer ones: no one types a password this long, and a page could have a person's event copy megabytes. */
const MAX_VALUE_LENGTH = 256;

const isPasswordType = (el: Element): boolean => attrOf(el, 'type')?.trim().toLowerCase() === 'password';

/**
 * Notes `el` if it is a password field now; with `value`, its value too (at a person's event on it: typed,
 * autofilled, focused; a value the page wrote there itself stands for no one's secret shown elsewhere).
 */
export function notePasswordField(el: Element, value = false): void {
  if (tagOf(el) !== 'input' || !isPasswordType(el)) return;
  seen.add(el);
  if (!value) return;
  noteValue(textValueOf(el), el);
}

function noteValue(value: string, field: Element): void {
  if (value.length < MIN_VALUE_LENGTH || value.length > MAX_VALUE_LENGTH) return;
  const last = noted.at(-1);
  if (last?.value === value && last.field.deref() === field) return;
  // Typing one key at a time: the field's value before this one is usually its prefix, which stands for nothing
  // now. Another field's is a password of its own (a change-password form's new one extends the current one).
  if (last && last.field.deref() === field && value.startsWith(last.value)) noted.pop();
  const i = noted.findIndex((n) => n.value === value && n.field.deref() === field);
  if (i >= 0) noted.splice(i, 1);
  noted.push({ value, field: new WeakRef(field) });
  if (noted.length > MAX_VALUES) noted.shift();
  values = [...new Set(noted.map((n) => n.value))];
  valuesVersion++;
}

/**
 * The passwords typed on this page, for its scrubber: any text holding one is redacted, wherever the page shows
 * it (a "show password" that writes it into a span, a confirmation, a generator's suggestion typed over).
 */
export const typedPasswords: KnownSecrets = { values: () => values, version: () => valuesVersion };

/**
 * Whether `el` is, or was, a password field, or a text field that showed a value a password field held (from
 * then on: the person may fix a typo in the password shown).
 */
export function wasPassword(el: Element): boolean {
  notePasswordField(el);
  if (seen.has(el)) return true;
  const tag = tagOf(el);
  if ((tag !== 'input' && tag !== 'textarea') || !values.length) return false;
  const value = textValueOf(el);
  if (value.length < MIN_VALUE_LENGTH || !values.includes(value)) return false;
  seen.add(el);
  return true;
}

/**
 * Watches `win`'s document from now: a password field typed in, focused or autofilled is noted at the event, with
 * its value; a field whose type="password" a script changes is noted by that change (its old value says it was
 * one). Shadow roots on an event's path are watched as the person reaches them (a design system's toggle).
 */
export function watchPasswords(win: Window): void {
  const watched = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.oldValue?.trim().toLowerCase() !== 'password' || !isElement(r.target as Node)) continue;
      seen.add(r.target as Element);
    }
  });
  const watch = (root: Node): void => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { attributes: true, attributeFilter: ['type'], attributeOldValue: true, subtree: true });
  };
  watch(win.document);
  const onEvent = (event: Event): void => {
    if (!event.isTrusted) return;
    try {
      const path = event.composedPath();
      const first = path[0];
      if (!first || !isElement(first as Node)) return;
      // A field in a closed shadow root reaches this listener as its host: its focused field is found inside.
      const field = focusedWithin(first as Element);
      notePasswordField(field, true);
      // A field showing a password's value is one from now, before a key changes it.
      wasPassword(field);
      for (const node of path) if (isShadowRoot(node as Node)) watch(node as Node);
      const root = rootNodeOf(field);
      if (root && isShadowRoot(root)) watch(root);
    } catch {
      // A page's look-alike node: nothing to note.
    }
  };
  // Through EventTarget's prototype, as every listener of the recorder (dom-safe): a page cannot unhook them.
  for (const type of ['focusin', 'keydown', 'beforeinput', 'input', 'pointerdown']) addListener(win, type, onEvent, { capture: true, passive: true });
}
