// ARIA role and accessible name of an element: a pragmatic subset of the
// HTML-AAM / accname rules, enough to name what a person clicked.
const IMPLICIT_ROLE: Record<string, string> = {
  a: 'link', button: 'button', select: 'combobox', textarea: 'textbox', img: 'img', nav: 'navigation',
  main: 'main', header: 'banner', footer: 'contentinfo', form: 'form', table: 'table', ul: 'list', ol: 'list',
  li: 'listitem', h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  option: 'option', dialog: 'dialog', summary: 'button', label: 'label', search: 'search', aside: 'complementary',
};

const INPUT_ROLE: Record<string, string> = {
  button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio',
  range: 'slider', search: 'searchbox', email: 'textbox', tel: 'textbox', text: 'textbox', url: 'textbox',
  number: 'spinbutton', password: 'textbox', file: 'button',
};

export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = el.localName;
  if (tag === 'input') return INPUT_ROLE[(el as HTMLInputElement).type] ?? 'textbox';
  if (tag === 'a' && !el.hasAttribute('href')) return 'generic';
  if ((el as HTMLElement).isContentEditable) return 'textbox';
  return IMPLICIT_ROLE[tag] ?? 'generic';
}

function collapse(text: string | null | undefined, max = 200): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Text content without script/style noise, trimmed. */
export function visibleText(el: Element, max = 200): string {
  if (el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select') return '';
  return collapse(el.textContent, max);
}

function labelsText(el: Element): string {
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return collapse(Array.from(labels, (l) => l.textContent).join(' '));
  return '';
}

export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const doc = el.ownerDocument;
    const text = labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
    if (collapse(text)) return collapse(text);
  }
  const aria = el.getAttribute('aria-label');
  if (aria && aria.trim()) return collapse(aria);
  const tag = el.localName;
  if (tag === 'input' || tag === 'textarea' || tag === 'select') {
    const input = el as HTMLInputElement;
    if (['button', 'submit', 'reset'].includes(input.type)) return collapse(input.value || input.type);
    if (input.type === 'image') return collapse(el.getAttribute('alt'));
    const fromLabel = labelsText(el);
    if (fromLabel) return fromLabel;
    return collapse(el.getAttribute('placeholder') ?? el.getAttribute('title') ?? el.getAttribute('name'));
  }
  if (tag === 'img' || tag === 'area') return collapse(el.getAttribute('alt') ?? el.getAttribute('title'));
  const text = visibleText(el);
  if (text) return text;
  const img = el.querySelector('img[alt]');
  if (img) return collapse(img.getAttribute('alt'));
  return collapse(el.getAttribute('title'));
}
