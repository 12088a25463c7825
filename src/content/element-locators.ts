// CSS selector and XPath for an element, so a replay tool can find it again.
// Selectors stop at a shadow root: a host's selector plus ' >>> ' joins them.
// Reads go through dom-safe: a <form> with <input name="id"> must not break them.
// An element's position (:nth-of-type) is the last resort: a virtualised grid
// recycles its rows as it scrolls, so "the 14th row" is another row on replay.
// Attributes a page sets to name things (test ids, a grid's row and column
// keys, form names, labels) come first, and a selector anchored on one stops
// climbing as soon as it is unique.
import { attrOf, childrenOf, hostOf, isElement, isShadowRoot, MAX_WALK, parentOf, previousElementSiblingOf, queryAllIn, rootNodeOf, tagOf } from './dom-safe';
import { cssUnescape } from '../core/scrub/css-escape';

const idOf = (el: Element): string => attrOf(el, 'id') ?? '';

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/[^\w-]/g, (c) => `\\${c}`);
}

/** Through the prototypes: <img name="querySelectorAll"> replaces a document's own (an invalid selector finds none). */
function uniqueIn(root: Node, selector: string): boolean {
  return queryAllIn(root, selector).length === 1;
}

/** Which ids and attribute values a selector may name: one that holds a secret (`#delete-jane.doe@example.com`) may not. */
export type IdFilter = (id: string) => boolean;

/** Attributes that name an element on purpose, most deliberate first. */
const NAMING_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'row-id', 'col-id', 'data-id', 'data-key', 'name', 'aria-label', 'placeholder'];

function attributeSelector(attr: string, value: string): string {
  return `[${attr}="${value.replace(/["\\]/g, '\\$&')}"]`;
}

/** The element's tag with the first naming attribute that tells it apart from its same-tag siblings, or null. */
function namedPart(el: Element, parent: ParentNode, usable: IdFilter): string | null {
  const same = childrenOf(parent).filter((c) => tagOf(c) === tagOf(el));
  for (const attr of NAMING_ATTRIBUTES) {
    const value = attrOf(el, attr);
    // Values with control characters or '>' would need escapes replay tools read differently; a secret may not be named.
    if (!value || value.length > 80 || value.includes('>') || [...value].some((c) => c < ' ') || !usable(value)) continue;
    if (same.filter((c) => attrOf(c, attr) === value).length === 1) return `${tagOf(el)}${attributeSelector(attr, value)}`;
  }
  return null;
}

function selectorInRoot(el: Element, root: ParentNode, usable: IdFilter): string {
  if (idOf(el) && usable(idOf(el)) && uniqueIn(root, `#${cssEscape(idOf(el))}`)) return `#${cssEscape(idOf(el))}`;
  const parts: string[] = [];
  let current: Element | null = el;
  // Bounded: no real tree is this deep, and each step reads the parent through the prototype.
  for (let depth = 0; current && parentOf(current) && depth < MAX_WALK; depth++) {
    if (idOf(current) && usable(idOf(current)) && uniqueIn(root, `#${cssEscape(idOf(current))}`)) {
      parts.unshift(`#${cssEscape(idOf(current))}`);
      break;
    }
    const parent: ParentNode = parentOf(current)!;
    const named = namedPart(current, parent, usable);
    if (named) {
      parts.unshift(named);
      // Anchored on a name and already unique: the ancestors' positions would only add ways to break.
      if (uniqueIn(root, parts.join(' > '))) break;
    } else {
      const same = childrenOf(parent).filter((c) => tagOf(c) === tagOf(current!));
      parts.unshift(same.length > 1 ? `${tagOf(current)}:nth-of-type(${same.indexOf(current) + 1})` : tagOf(current));
    }
    if (parent === root || !isElement(parent)) break;
    current = parent;
  }
  return parts.join(' > ');
}

/** Deeper than any real page nests shadow roots. */
const MAX_SHADOW_DEPTH = 64;

export function cssSelector(el: Element, usable: IdFilter = () => true, depth = 0): string {
  const root = rootNodeOf(el);
  const own = selectorInRoot(el, root as ParentNode, usable);
  if (isShadowRoot(root) && depth < MAX_SHADOW_DEPTH) return `${cssSelector(hostOf(root), usable, depth + 1)} >>> ${own}`;
  return own;
}

/** The ids and attribute values a selector names (unescaped). */
export function selectorNames(selector: string): string[] {
  // A hex escape takes one whitespace after it (`#\34 111…` is the id "4111…"): read whole, then undone.
  const ids = [...selector.matchAll(/#((?:\\[0-9a-fA-F]{1,6}[ \t\n\r\f]?|\\.|[\w-])+)/g)].map((m) => unescaped(m[1]!));
  const values = [...selector.matchAll(/\[[\w-]+="((?:\\.|[^"\\])*)"\]/g)].map((m) => unescaped(m[1]!));
  return [...ids, ...values];
}

const unescaped = (raw: string): string => cssUnescape(raw)?.text ?? raw.replace(/\\(.)/g, '$1');

export function xPath(el: Element, depth = 0): string {
  const parts: string[] = [];
  let current: Node | null = el;
  // Bounded on both axes: up to MAX_WALK ancestors, MAX_WALK siblings before each (reads through the prototypes).
  for (let up = 0; isElement(current) && up < MAX_WALK; up++) {
    const elem: Element = current;
    let index = 1;
    let seen = 0;
    for (let s = previousElementSiblingOf(elem); s && seen < MAX_WALK; s = previousElementSiblingOf(s), seen++) {
      if (tagOf(s) === tagOf(elem)) index++;
    }
    parts.unshift(`${tagOf(elem)}[${index}]`);
    const parent = parentOf(elem) as Node | null;
    if (isShadowRoot(parent)) {
      return depth < MAX_SHADOW_DEPTH ? `${xPath(hostOf(parent), depth + 1)}/#shadow-root/${parts.join('/')}` : `/#shadow-root/${parts.join('/')}`;
    }
    current = parent;
  }
  return `/${parts.join('/')}`;
}
