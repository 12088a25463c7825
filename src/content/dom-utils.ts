// Small DOM helpers shared by the observers.
import type { FieldAttributes } from '../core/sensitive-field';

/** The innermost element an event came from, through shadow roots. */
export function eventElement(event: Event): Element | null {
  const origin = event.composedPath()[0] as Node | undefined;
  if (!origin) return null;
  if (origin.nodeType === Node.ELEMENT_NODE) return boxed(origin as Element);
  if (origin.nodeType === Node.TEXT_NODE) return origin.parentElement && boxed(origin.parentElement);
  return null;
}

/**
 * A <slot> has no box of its own (it lays out as display: contents), so a
 * replay tool waiting for it to be visible waits forever: the element that
 * holds it in the shadow tree, or the host, stands in.
 */
function boxed(el: Element): Element {
  let current = el;
  while (current.localName === 'slot') {
    const parent: Node | null = current.parentNode;
    if (parent instanceof Element) current = parent;
    else if (parent instanceof ShadowRoot) current = parent.host;
    else break;
  }
  return current;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'password', 'date', 'time',
  'datetime-local', 'month', 'week', '']);

export function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!el) return false;
  if (el.localName === 'textarea') return true;
  if (el.localName === 'input') return TEXT_INPUT_TYPES.has((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable === true;
}

export function isToggle(el: Element | null): el is HTMLInputElement {
  return !!el && el.localName === 'input' && ['checkbox', 'radio'].includes((el as HTMLInputElement).type);
}

/** The form control a click lands on: the element, or the control of the label it is in. */
export function controlOf(el: Element | null): Element | null {
  if (!el) return null;
  const label = el.closest('label');
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
    if (!(node instanceof Element)) continue;
    if (node.localName === 'label') return (node as HTMLLabelElement).control ?? null;
    if (['input', 'select', 'textarea', 'button', 'option'].includes(node.localName)) return node;
  }
  return null;
}

/** Whether `inner` is `outer` or inside it, across shadow roots. */
export function composedContains(outer: Element, inner: Element): boolean {
  for (let node: Node | null = inner; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
    if (node === outer) return true;
  }
  return false;
}

/** The open shadow roots an event passed through, innermost first. */
export function shadowRootsOf(event: Event): ShadowRoot[] {
  return event.composedPath().filter((n): n is ShadowRoot => n instanceof ShadowRoot);
}

/** Current text of a field: value, or text of a contenteditable. */
export function fieldText(el: Element): string {
  if (el.localName === 'input' || el.localName === 'textarea') return (el as HTMLInputElement).value;
  return (el as HTMLElement).innerText ?? el.textContent ?? '';
}

/** What decides whether a field is sensitive: its attributes, label text and placeholder. */
export function fieldAttributes(el: Element): FieldAttributes {
  const labels = (el as HTMLInputElement).labels;
  const label = [
    ...Array.from(labels ?? [], (l) => l.textContent ?? ''),
    el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '',
  ].join(' ').trim();
  return {
    tag: el.localName, type: el.getAttribute('type'), autocomplete: el.getAttribute('autocomplete'),
    name: el.getAttribute('name'), id: el.getAttribute('id'), label,
  };
}
