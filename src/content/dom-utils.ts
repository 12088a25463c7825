// Small DOM helpers shared by the observers.
import type { FieldAttributes } from '../core/sensitive-field';

/** The innermost element an event came from, through shadow roots. */
export function eventElement(event: Event): Element | null {
  const origin = event.composedPath()[0] as Node | undefined;
  if (!origin) return null;
  if (origin.nodeType === Node.ELEMENT_NODE) return origin as Element;
  if (origin.nodeType === Node.TEXT_NODE) return origin.parentElement;
  return null;
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
