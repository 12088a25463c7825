// Small DOM helpers shared by the observers.
import type { FieldAttributes } from '../core/sensitive-field';
import {
  assignedSlotOf, attrOf, closestOf, elementByIdIn, hostOf, innerTextOf, isEditableOf, isElement, isShadowRoot, MAX_WALK, nodeTypeOf, parentElementOf, parentOf, parentOrHostOf, queryAllIn,
  rootNodeOf, tagOf, textContentOf,
} from './dom-safe';

/** The innermost element an event came from, through shadow roots. */
export function eventElement(event: Event): Element | null {
  const origin = event.composedPath()[0] as Node | undefined;
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
  for (const node of event.composedPath()) {
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
  return event.composedPath().filter((n): n is ShadowRoot => n instanceof Node && isShadowRoot(n));
}

/** Current text of a field: value, or text of a contenteditable. */
export function fieldText(el: Element): string {
  if (tagOf(el) === 'input' || tagOf(el) === 'textarea') return (el as HTMLInputElement).value;
  // Through the prototypes: a contenteditable <form>'s control named innerText made the typed text that <input>.
  return innerTextOf(el);
}

/** html's `labels`: a live list whose read walks the field's whole document in Blink (see AxNameSources.labelsFor). */
const liveLabels = (el: Element): readonly Element[] => Array.from((el as HTMLInputElement).labels ?? []);

/** What decides whether a field is sensitive: its attributes, label text and placeholder; `labelsOf` may read labels from a cache. */
export function fieldAttributes(el: Element, labelsOf: (el: Element) => readonly Element[] = liveLabels): FieldAttributes {
  const label = [
    ...labelsOf(el).map(textContentOf), ...labelledByTexts(el), ...outerLabelTexts(el),
    attrOf(el, 'aria-label') ?? '', attrOf(el, 'placeholder') ?? '',
  ].map(capped).join(' ').trim();
  return {
    // An editing host (contenteditable) is judged as the textarea it stands for: a "Card security code" or
    // "Password" box built as a <div> holds the same secret.
    tag: isEditingHost(el) ? 'textarea' : tagOf(el), type: attrOf(el, 'type'), autocomplete: attrOf(el, 'autocomplete'),
    name: capped(attrOf(el, 'name')), id: capped(attrOf(el, 'id')), label,
  };
}

/** An element whose contenteditable makes it an editing host (any value but "false"), not an <input> or <textarea>. */
export function isEditingHost(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'input' || tag === 'textarea') return false;
  const editable = attrOf(el, 'contenteditable');
  return editable !== null && editable.trim().toLowerCase() !== 'false';
}

/** What names a field is read this far: a page's 45,000-character placeholder was scanned whole at each rebuild. */
const NAME_CHARS = 256;
function capped<T extends string | null>(text: T): T {
  return (text !== null && text.length > NAME_CHARS ? text.slice(0, NAME_CHARS) : text) as T;
}

/**
 * What names a field from outside its shadow root: a design system's field is an <input> inside a custom element,
 * which the page labels (`<label for="cvc">` naming `<pay-field id="cvc">`, its aria-label), or an <input> slotted
 * into a shadow root whose <label> is painted around the slot. html's `labels` reaches neither.
 */
function outerLabelTexts(el: Element): string[] {
  const out: string[] = [];
  const root = rootNodeOf(el);
  if (isShadowRoot(root)) {
    const host = hostOf(root);
    out.push(attrOf(host, 'aria-label') ?? '', ...labelledByTexts(host));
    const id = attrOf(host, 'id');
    if (id) for (const label of queryAllIn(rootNodeOf(host), 'label')) if (attrOf(label, 'for') === id) out.push(textContentOf(label));
  }
  const slot = assignedSlotOf(el);
  const around = slot && closestOf(slot, 'label');
  if (around) out.push(textContentOf(around));
  return out;
}

/** The text of the elements `el`'s aria-labelledby names (as many as an accessible name reads: see ax-lines). */
function labelledByTexts(el: Element): string[] {
  const ids = attrOf(el, 'aria-labelledby');
  if (!ids) return [];
  const root = rootNodeOf(el);
  return ids.split(/\s+/).filter(Boolean).slice(0, 16).map((id) => {
    const ref = elementByIdIn(root, id);
    return ref ? textContentOf(ref) : '';
  });
}
