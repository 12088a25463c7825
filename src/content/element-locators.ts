// CSS selector and XPath for an element, so a replay tool can find it again.
// Selectors stop at a shadow root: a host's selector plus ' >>> ' joins them.
// Reads go through dom-safe: a <form> with <input name="id"> must not break them.
import { attrOf, tagOf } from './dom-safe';

const idOf = (el: Element): string => attrOf(el, 'id') ?? '';

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
  if (idOf(el) && usable(idOf(el)) && uniqueIn(root, `#${cssEscape(idOf(el))}`)) return `#${cssEscape(idOf(el))}`;
  const parts: string[] = [];
  let current: Element | null = el;
  while (current && current.parentNode) {
    let part = tagOf(current);
    if (idOf(current) && usable(idOf(current)) && uniqueIn(root, `#${cssEscape(idOf(current))}`)) {
      parts.unshift(`#${cssEscape(idOf(current))}`);
      break;
    }
    const parent: ParentNode = current.parentNode;
    const same = Array.from(parent.children).filter((c) => tagOf(c) === tagOf(current!));
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
      if (tagOf(s) === tagOf(elem)) index++;
    }
    parts.unshift(`${tagOf(elem)}[${index}]`);
    const parent: Node | null = elem.parentNode;
    if (parent instanceof ShadowRoot) {
      return `${xPath(parent.host)}/#shadow-root/${parts.join('/')}`;
    }
    current = parent;
  }
  return `/${parts.join('/')}`;
}
