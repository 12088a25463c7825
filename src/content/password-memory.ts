// Fields that held a password, remembered for as long as the page keeps them.
// A page's "show password" button makes the field type="text" (most login
// forms), or puts a new type="text" field with the same value in its place
// (older plugins). Either way the value would then read as ordinary text: the
// snapshot would write it into dom_tree, mark no region over it (so the
// screenshot keeps it readable), and typing in it would be recorded; a
// password matches no scrubber rule unless a name or label says so. Watched
// from document_start, recording or not: the password may be typed and shown
// before Start.
import { addListener, attrOf, isElement, isLive, isShadowRoot, rootNodeOf, tagOf, textValueOf } from './dom-safe';
import { focusedWithin } from './focused-element';
import type { KnownSecrets } from '../core/scrub/recognizers/known-secrets';

/** Elements seen as type="password". */
const seen = new WeakSet<Element>();
/**
 * The value each field was last seen holding, newest last: one entry per field, so a person's corrections (each
 * key a value of its own) never push another field's password out. `typed`: noted at a key or an input in it, not
 * only at a focus or a press (a page can fill and focus fields of its own; it cannot press a person's keys).
 */
const noted: { value: string; field: WeakRef<Element>; typed: boolean }[] = [];
/** The values alone, each once: a field showing one of these shows a password. */
let values: readonly string[] = [];
/** Changes with `values`: the page's scrubber redoes what it kept (see typedPasswords). */
let valuesVersion = 0;
/** Fields kept at most (a person types one password or two on a page; a change form has three). */
const MAX_FIELDS = 16;
/** Shorter values are not remembered: a 4-digit PIN would make every year field a password. */
const MIN_VALUE_LENGTH = 6;
/** Nor longer ones: no one types a password this long, and a page could have a person's event copy megabytes. */
const MAX_VALUE_LENGTH = 256;

const isPasswordType = (el: Element): boolean => attrOf(el, 'type')?.trim().toLowerCase() === 'password';

/**
 * Notes `el` if it is a password field now; with `value`, its value too (at a person's event on it: 'typed' at a
 * key or an input, 'seen' at a focus or a press; a value the page wrote there itself stands for no one's secret
 * shown elsewhere). A field that was one and that the page's "show" toggle made type="text" still counts.
 */
export function notePasswordField(el: Element, value: 'typed' | 'seen' | false = false): void {
  if (tagOf(el) !== 'input' || !(isPasswordType(el) || seen.has(el))) return;
  seen.add(el);
  if (!value) return;
  noteValue(textValueOf(el), el, value === 'typed');
}

function noteValue(value: string, field: Element, typed: boolean): void {
  if (value.length < MIN_VALUE_LENGTH || value.length > MAX_VALUE_LENGTH) return;
  const at = noted.findIndex((n) => n.field.deref() === field);
  const before = noted[at];
  if (before && before.value === value && (before.typed || !typed)) return;
  if (before) noted.splice(at, 1);
  noted.push({ value, field: new WeakRef(field), typed: typed || (before?.value === value && before.typed) });
  if (noted.length > MAX_FIELDS) noted.splice(evictee(), 1);
  values = [...new Set(noted.map((n) => n.value))];
  valuesVersion++;
}

/** The entry to forget: a field gone from the page, else the oldest only seen, else the oldest. */
function evictee(): number {
  const gone = noted.findIndex((n) => { const f = n.field.deref(); return !f || !isLive(f); });
  if (gone >= 0) return gone;
  const untyped = noted.findIndex((n) => !n.typed);
  return untyped >= 0 ? untyped : 0;
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
      notePasswordField(field, event.type === 'focusin' || event.type === 'pointerdown' ? 'seen' : 'typed');
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
