// Small DOM helpers shared by the observers.
import type { FieldAttributes } from '../core/sensitive-field';
import {
  assignedSlotOf, attrOf, closestOf, elementByIdIn, hostOf, innerTextOf, isEditableOf, isElement, isShadowRoot, MAX_WALK, nodeTypeOf, parentElementOf, parentOf, parentOrHostOf, queryAllIn,
  rootNodeOf, tagOf, textContentOf,
} from './dom-safe';
import { eventPath } from './start-gate';
import { wasPassword } from './password-memory';

/** The innermost element an event came from, through shadow roots. */
export function eventElement(event: Event): Element | null {
  const origin = eventPath(event)[0] as Node | undefined;
  if (!origin) return null;
  if (isElement(origin)) return boxed(origin);
  if (nodeTypeOf(origin) === Node.TEXT_NODE) {
    const parent = parentElementOf(origin);
    return parent && boxed(parent);
  }
  return null;
}

/**
 * A <slot> has no box of its own (it lays out as display: contents), so a
 * replay tool waiting for it to be visible waits forever: the element that
 * holds it in the shadow tree, or the host, stands in.
 */
function boxed(el: Element): Element {
  let current = el;
  for (let i = 0; tagOf(current) === 'slot' && i < MAX_WALK; i++) {
    const parent = parentOf(current) as Node | null;
    if (isElement(parent)) current = parent;
    else if (isShadowRoot(parent)) current = hostOf(parent);
    else break;
  }
  return current;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'password', 'date', 'time',
  'datetime-local', 'month', 'week', '']);

export function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!el) return false;
  if (tagOf(el) === 'textarea') return true;
  if (tagOf(el) === 'input') return TEXT_INPUT_TYPES.has((el as HTMLInputElement).type);
  return isEditableOf(el);
}

export function isToggle(el: Element | null): el is HTMLInputElement {
  return !!el && tagOf(el) === 'input' && ['checkbox', 'radio'].includes((el as HTMLInputElement).type);
}

/** The form control a click lands on: the element, or the control of the label it is in. */
export function controlOf(el: Element | null): Element | null {
  if (!el) return null;
  const label = closestOf(el, 'label');
  if (label && (label as HTMLLabelElement).control) return (label as HTMLLabelElement).control;
  return el;
}

/**
 * The control a click acts on, read from the event's composed path: a design
 * system's checkbox is a host element whose <label> and <input> live in its
 * shadow root, so the retargeted target (the host) names neither. The first
 * label, input, select or button on the path decides; null when there is none.
 */
export function controlOfEvent(event: Event): Element | null {
  for (const node of eventPath(event)) {
    if (!(node instanceof Node) || !isElement(node)) continue;
    if (tagOf(node) === 'label') return (node as HTMLLabelElement).control ?? null;
    if (['input', 'select', 'textarea', 'button', 'option'].includes(tagOf(node))) return node;
  }
  return null;
}

/** Whether `inner` is `outer` or inside it, across shadow roots. */
export function composedContains(outer: Element, inner: Element): boolean {
  for (let node: Node | null = inner, i = 0; node && i < MAX_WALK; node = parentOrHostOf(node), i++) {
    if (node === outer) return true;
  }
  return false;
}

/** The open shadow roots an event passed through, innermost first. */
export function shadowRootsOf(event: Event): ShadowRoot[] {
  return eventPath(event).filter((n): n is ShadowRoot => n instanceof Node && isShadowRoot(n));
}

/** Current text of a field: value, or text of a contenteditable. */
export function fieldText(el: Element): string {
  if (tagOf(el) === 'input' || tagOf(el) === 'textarea') return (el as HTMLInputElement).value;
  // Through the prototypes: a contenteditable <form>'s control named innerText made the typed text that <input>.
  return innerTextOf(el);
}

/** html's `labels`: a live list whose read walks the field's whole document in Blink (see AxNameSources.labelsFor). */
const liveLabels = (el: Element): readonly Element[] => Array.from((el as HTMLInputElement).labels ?? []);

/** How the snapshot reads a field's names: its labels from a cache, what it read noted, closed roots opened. */
export interface FieldReading {
  /** The <label>s naming a control (html's live `labels` when not given). */
  labelsOf?: (el: Element) => readonly Element[];
  /** Called with each element outside the field whose text or attributes named it: a change there rebuilds it. */
  read?: (source: Element) => void;
  /** A host's shadow root, closed ones too where the content script may open them. */
  shadowOf?: (host: Element) => ShadowRoot | null;
}

/** `el`'s type: "password" for a field that is or was one, or shows a password's value (see password-memory). */
function fieldType(el: Element): string | null {
  return wasPassword(el) ? 'password' : attrOf(el, 'type');
}

/** What decides whether a field is sensitive: its attributes, label text and placeholder. */
export function fieldAttributes(el: Element, how: FieldReading = {}): FieldAttributes {
  const label = [
    ...(how.labelsOf ?? liveLabels)(el).map(textContentOf), ...labelledByTexts(el, how), ...outerLabelTexts(el, how),
    attrOf(el, 'aria-label') ?? '', attrOf(el, 'placeholder') ?? '',
  ].map(capped).join(' ').trim();
  return {
    // An editing host (contenteditable) or a textbox by role is an 'editor': a "Card security code" or
    // "Password" box built as a <div> holds the same secret (judged by names of secrets only: sensitive-field).
    tag: isEditingHost(el) ? 'editor' : tagOf(el), type: fieldType(el), autocomplete: attrOf(el, 'autocomplete'),
    name: capped(attrOf(el, 'name')), id: capped(attrOf(el, 'id')), label,
  };
}

/**
 * An element that stands for a text field without being an <input> or <textarea>: an editing host (contenteditable
 * "", "true" or "plaintext-only"; any other value inherits), or a textbox by role (a code box the page locks with
 * contenteditable="false" while it checks the code keeps its role).
 */
export function isEditingHost(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'input' || tag === 'textarea') return false;
  const editable = attrOf(el, 'contenteditable')?.trim().toLowerCase();
  if (editable === '' || editable === 'true' || editable === 'plaintext-only') return true;
  return attrOf(el, 'role')?.trim().toLowerCase() === 'textbox';
}

/**
 * An editing host whose field attributes `sensitive` calls a secret (a "Card security code" <div>). `attributesOf`
 * reads them (the snapshot's reading, with its cached labels; fieldAttributes's own by default).
 */
export function isSensitiveEditor(el: Element, sensitive: (field: FieldAttributes) => boolean, attributesOf: (el: Element) => FieldAttributes = fieldAttributes): boolean {
  return isEditingHost(el) && sensitive(attributesOf(el));
}

/** What names a field is read this far: a page's 45,000-character placeholder was scanned whole at each rebuild. */
const NAME_CHARS = 256;
function capped<T extends string | null>(text: T): T {
  return (text !== null && text.length > NAME_CHARS ? text.slice(0, NAME_CHARS) : text) as T;
}

/** How many custom elements deep a field's outside names are looked for (a field wrapped by a wrapper). */
const MAX_HOSTS = 4;

/**
 * What names a field from outside its shadow root: a design system's field is an <input> inside a custom element
 * (inside another, maybe), which the page labels (`<label for="cvc">` naming `<pay-field id="cvc">`, its aria-label),
 * or an <input> slotted into a shadow root whose <label> is painted around the slot. html's `labels` reaches neither.
 */
function outerLabelTexts(el: Element, how: FieldReading): string[] {
  const out: string[] = [];
  let root = rootNodeOf(el);
  for (let depth = 0; depth < MAX_HOSTS && isShadowRoot(root); depth++) {
    const host = hostOf(root);
    how.read?.(host);
    out.push(attrOf(host, 'aria-label') ?? '', ...labelledByTexts(host, how));
    root = rootNodeOf(host);
    const id = attrOf(host, 'id');
    // One selector query, not a walk of every label per field (a form of 400 such fields read 160,000 attributes).
    if (!id) continue;
    for (const label of queryAllIn(root, `label[for="${cssString(id)}"]`)) {
      how.read?.(label);
      out.push(textContentOf(label));
    }
  }
  const slot = assignedSlotOf(el, how.shadowOf);
  const around = slot && closestOf(slot, 'label');
  if (around) {
    how.read?.(around);
    out.push(textContentOf(around));
  }
  return out;
}

/** `text` inside a CSS string in double quotes. */
const cssString = (text: string): string => text.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ');

/** The text of the elements `el`'s aria-labelledby names (as many as an accessible name reads: see ax-lines). */
function labelledByTexts(el: Element, how: FieldReading): string[] {
  const ids = attrOf(el, 'aria-labelledby');
  if (!ids) return [];
  const root = rootNodeOf(el);
  const refs = ids.split(/\s+/).filter(Boolean).slice(0, 16).flatMap((id) => elementByIdIn(root, id) ?? []);
  // A section's heading named beside the question ("Create your account", "What brings you here?") says where the
  // field is, not what it holds: it is read only when it is all there is.
  const own = refs.filter((ref) => !isHeading(ref));
  return (own.length ? own : refs).map((ref) => {
    how.read?.(ref);
    return textContentOf(ref);
  });
}

function isHeading(el: Element): boolean {
  return /^h[1-6]$/.test(tagOf(el)) || attrOf(el, 'role')?.trim().toLowerCase() === 'heading';
}
