// CSS selector and XPath for an element, so a replay tool can find it again.
// Selectors stop at a shadow root: a host's selector plus ' >>> ' joins them.

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/[^\w-]/g, (c) => `\\${c}`);
}

function uniqueIn(root: ParentNode, selector: string): boolean {
  try {
    return root.querySelectorAll(selector).length === 1;
  } catch {
    return false;
  }
}

/** Which ids a selector may name: one that holds a secret (`#delete-jane.doe@example.com`) may not. */
export type IdFilter = (id: string) => boolean;

function selectorInRoot(el: Element, root: ParentNode, usable: IdFilter): string {
  if (el.id && usable(el.id) && uniqueIn(root, `#${cssEscape(el.id)}`)) return `#${cssEscape(el.id)}`;
  const parts: string[] = [];
  let current: Element | null = el;
  while (current && current.parentNode) {
    let part = current.localName;
    if (current.id && usable(current.id) && uniqueIn(root, `#${cssEscape(current.id)}`)) {
      parts.unshift(`#${cssEscape(current.id)}`);
      break;
    }
    const parent: ParentNode = current.parentNode;
    const same = Array.from(parent.children).filter((c) => c.localName === current!.localName);
    if (same.length > 1) part += `:nth-of-type(${same.indexOf(current) + 1})`;
    parts.unshift(part);
    if (parent === root || !(parent instanceof Element)) break;
    current = parent;
  }
  return parts.join(' > ');
}

export function cssSelector(el: Element, usable: IdFilter = () => true): string {
  const root = el.getRootNode();
  const own = selectorInRoot(el, root as ParentNode, usable);
  if (root instanceof ShadowRoot) return `${cssSelector(root.host, usable)} >>> ${own}`;
  return own;
}

/** The ids a selector names (unescaped). */
export function selectorIds(selector: string): string[] {
  return [...selector.matchAll(/#((?:\\.|[\w-])+)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

export function xPath(el: Element): string {
  const parts: string[] = [];
  let current: Node | null = el;
  while (current && current.nodeType === Node.ELEMENT_NODE) {
    const elem = current as Element;
    let index = 1;
    for (let s = elem.previousElementSibling; s; s = s.previousElementSibling) {
      if (s.localName === elem.localName) index++;
    }
    parts.unshift(`${elem.localName}[${index}]`);
    const parent: Node | null = elem.parentNode;
    if (parent instanceof ShadowRoot) {
      return `${xPath(parent.host)}/#shadow-root/${parts.join('/')}`;
    }
    current = parent;
  }
  return `/${parts.join('/')}`;
}
