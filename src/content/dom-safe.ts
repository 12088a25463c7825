// DOM reads that a page cannot clobber. A <form> exposes its controls as
// properties: <input name="localName"> makes form.localName that input, and
// the same goes for firstChild, attributes, getAttribute… in every world,
// the content script's included. These read through the prototypes instead.
type Getter = (this: unknown) => unknown;
const getter = (proto: object, key: string): Getter => Object.getOwnPropertyDescriptor(proto, key)!.get! as Getter;
/** A getter for each of `keys`, by name. */
const byName = <K extends string>(keys: readonly K[], get: (key: K) => Getter): Record<K, Getter> =>
  Object.fromEntries(keys.map((key) => [key, get(key)])) as Record<K, Getter>;
/** The getters of `keys` that `proto` itself defines (a key the interface lacks does not compile). */
const gettersOf = <P extends object, K extends keyof P & string>(proto: P, keys: readonly K[]): Record<K, Getter> =>
  byName(keys, (key) => getter(proto, key));

const ELEMENT = gettersOf(Element.prototype, ['localName', 'namespaceURI', 'attributes', 'shadowRoot', 'tagName']);
const NODE = gettersOf(Node.prototype, [
  'firstChild', 'nextSibling', 'nodeType', 'isConnected', 'parentNode', 'ownerDocument', 'parentElement', 'lastChild', 'previousSibling', 'nodeName',
]);
// Browsers define it on Node; happy-dom (the unit tests' DOM) again on Element, whose own is the one that reads.
const TEXT_CONTENT = chainGetter(HTMLElement.prototype, 'textContent')!;
const IS_CONTENT_EDITABLE = getter(HTMLElement.prototype, 'isContentEditable');
const SHADOW_HOST = getter(ShadowRoot.prototype, 'host');
const GET_ROOT_NODE = Node.prototype.getRootNode;
/** Browsers define the layout getters on Element; happy-dom (the unit tests' DOM) on HTMLElement. */
const LAYOUT = byName(['clientLeft', 'clientTop', 'clientWidth', 'clientHeight', 'scrollWidth', 'scrollHeight', 'scrollLeft', 'scrollTop'], (key) =>
  getter(Object.getOwnPropertyDescriptor(Element.prototype, key) ? Element.prototype : HTMLElement.prototype, key));
const BOUNDING_RECT = Element.prototype.getBoundingClientRect;
// Chrome 105+, Firefox 106+: absent in older engines and in happy-dom.
const CHECK_VISIBILITY = (Element.prototype as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
const GET_ATTRIBUTE = Element.prototype.getAttribute;
const HAS_ATTRIBUTE = Element.prototype.hasAttribute;
const MATCHES = Element.prototype.matches;
const CLOSEST = Element.prototype.closest;
const QUERY = Element.prototype.querySelector;
const QUERY_ALL = Element.prototype.querySelectorAll;
const DOC_BY_ID = Document.prototype.getElementById;
/** A getter wherever on the prototype chain it is defined (browsers: the interface's own; happy-dom: a base class). */
function chainGetter(proto: object, key: string): Getter | null {
  for (let p: object | null = proto, i = 0; p && i < 8; p = Object.getPrototypeOf(p) as object | null, i++) {
    const get = Object.getOwnPropertyDescriptor(p, key)?.get;
    if (get) return get as Getter;
  }
  return null;
}
const DOC_ACTIVE = chainGetter(Document.prototype, 'activeElement');
const SHADOW_ACTIVE = chainGetter(ShadowRoot.prototype, 'activeElement');
const FRAGMENT_BY_ID = DocumentFragment.prototype.getElementById;
const DOC_QUERY_ALL = Document.prototype.querySelectorAll;
const FRAGMENT_QUERY_ALL = DocumentFragment.prototype.querySelectorAll;

export const tagOf = (el: Element): string => ELEMENT.localName.call(el) as string;
export const namespaceOf = (el: Element): string | null => ELEMENT.namespaceURI.call(el) as string | null;
export const attributesOf = (el: Element): NamedNodeMap => ELEMENT.attributes.call(el) as NamedNodeMap;
export const shadowRootOf = (el: Element): ShadowRoot | null => ELEMENT.shadowRoot.call(el) as ShadowRoot | null;
export const firstChildOf = (n: Node): ChildNode | null => NODE.firstChild.call(n) as ChildNode | null;
export const nextSiblingOf = (n: Node): ChildNode | null => NODE.nextSibling.call(n) as ChildNode | null;
export const nodeTypeOf = (n: Node): number => NODE.nodeType.call(n) as number;
export const attrOf = (el: Element, name: string): string | null => GET_ATTRIBUTE.call(el, name);
export const hasAttrOf = (el: Element, name: string): boolean => HAS_ATTRIBUTE.call(el, name);
export const matchesOf = (el: Element, selector: string): boolean => MATCHES.call(el, selector);
export const querySelectorOf = (el: Element, selector: string): Element | null => QUERY.call(el, selector);
/** Descendants of `el` matching `selector`, by the prototype's querySelectorAll. */
export const queryAllUnder = (el: Element, selector: string): Element[] => Array.from(QUERY_ALL.call(el, selector));
export const closestOf = (el: Element, selector: string): Element | null => CLOSEST.call(el, selector);
export const parentOf = (n: Node): ParentNode | null => NODE.parentNode.call(n) as ParentNode | null;
export const ownerDocumentOf = (n: Node): Document => NODE.ownerDocument.call(n) as Document;
export const parentElementOf = (n: Node): Element | null => NODE.parentElement.call(n) as Element | null;
export const lastChildOf = (n: Node): ChildNode | null => NODE.lastChild.call(n) as ChildNode | null;
export const previousSiblingOf = (n: Node): ChildNode | null => NODE.previousSibling.call(n) as ChildNode | null;
export const nodeNameOf = (n: Node): string => NODE.nodeName.call(n) as string;
export const textContentOf = (n: Node): string => (TEXT_CONTENT.call(n) as string | null) ?? '';
const INNER_TEXT = chainGetter(HTMLElement.prototype, 'innerText');
/** An element's rendered text (`<input name="innerText">` makes a form's own that input); its textContent where there is none. */
export function innerTextOf(el: Element): string {
  try {
    const text = INNER_TEXT ? INNER_TEXT.call(el) as unknown : undefined;
    return typeof text === 'string' ? text : textContentOf(el);
  } catch {
    return textContentOf(el); // not an HTML element (an <svg> part)
  }
}
export const tagNameOf = (el: Element): string => ELEMENT.tagName.call(el) as string;
/**
 * Whether `el` is editable: `<input name="isContentEditable">` makes a form's own property that input (truthy),
 * which made the form a textbox to roleOf, the "control" a click on a wrapper in it names, and an editable root.
 */
export function isEditableOf(el: Element): boolean {
  try {
    return IS_CONTENT_EDITABLE.call(el) === true;
  } catch {
    // Not an HTML element (an <svg> part): never editable. No instanceof: a same-origin frame's nodes are of another realm.
    return false;
  }
}
export const rootNodeOf = (n: Node): Node => GET_ROOT_NODE.call(n);
export const isElement = (n: Node | null | undefined): n is Element => !!n && nodeTypeOf(n) === Node.ELEMENT_NODE;
export const isShadowRoot = (n: Node | null | undefined): n is ShadowRoot => {
  if (!n || nodeTypeOf(n) !== Node.DOCUMENT_FRAGMENT_NODE) return false;
  try {
    SHADOW_HOST.call(n);
    return true;
  } catch {
    return false; // a plain DocumentFragment: no host getter applies
  }
};
/**
 * The element with `id` in a document or shadow root, by the prototypes' getElementById: `<img
 * name="getElementById">` replaces a document's own (DOM clobbering), as a form's controls replace its properties.
 */
export function elementByIdIn(root: Node, id: string): Element | null {
  try {
    if (nodeTypeOf(root) === Node.DOCUMENT_NODE) return DOC_BY_ID.call(root, id);
    return nodeTypeOf(root) === Node.DOCUMENT_FRAGMENT_NODE ? FRAGMENT_BY_ID.call(root, id) : null;
  } catch {
    return null; // a node of another realm the getter refuses
  }
}
/** Elements matching `selector` in a document or shadow root, by the prototypes' querySelectorAll (see elementByIdIn). */
export function queryAllIn(root: Node, selector: string): Element[] {
  try {
    if (nodeTypeOf(root) === Node.DOCUMENT_NODE) return Array.from(DOC_QUERY_ALL.call(root, selector));
    return nodeTypeOf(root) === Node.DOCUMENT_FRAGMENT_NODE ? Array.from(FRAGMENT_QUERY_ALL.call(root, selector)) : [];
  } catch {
    return [];
  }
}
/** The focused element of a document or shadow root (`<img name="activeElement">` replaces a document's own). */
export function activeElementIn(root: Document | ShadowRoot): Element | null {
  try {
    const get = nodeTypeOf(root) === Node.DOCUMENT_NODE ? DOC_ACTIVE : SHADOW_ACTIVE;
    return get ? get.call(root) as Element | null : null;
  } catch {
    return null;
  }
}
// A document's own members, through the prototypes too: a document's named elements (<img name>, <form name>,
// <embed>, <object>, <iframe name>) override even its built-in members (Document is [LegacyOverrideBuiltIns]),
// so <img name="defaultView"> makes document.defaultView that <img> in every world, the content script's included.
const DOC_ELEMENT = chainGetter(Document.prototype, 'documentElement')!;
const DEFAULT_VIEW = chainGetter(Document.prototype, 'defaultView')!;
const STYLE_SHEETS = chainGetter(Document.prototype, 'styleSheets')!;
const VISIBILITY_STATE = chainGetter(Document.prototype, 'visibilityState');
const DOC_TITLE = chainGetter(Document.prototype, 'title');
const DOC_BODY = chainGetter(Document.prototype, 'body');
const DOC_REFERRER = chainGetter(Document.prototype, 'referrer');
const CREATE_RANGE = Document.prototype.createRange;
const CREATE_FRAGMENT = Document.prototype.createDocumentFragment;
const DOC_FROM_POINT = Document.prototype.elementFromPoint;
// Absent in happy-dom (the unit tests' DOM).
const SHADOW_FROM_POINT = (ShadowRoot.prototype as ShadowRoot & { elementFromPoint?: Document['elementFromPoint'] }).elementFromPoint;
const ADD_LISTENER = EventTarget.prototype.addEventListener;
const REMOVE_LISTENER = EventTarget.prototype.removeEventListener;

/** A document's root element (`<img name="documentElement">` replaces a document's own). */
export function documentElementOf(doc: Document): Element | null {
  try {
    return DOC_ELEMENT.call(doc) as Element | null;
  } catch {
    return null; // a dead document (a frame's replaced about:blank, in Firefox)
  }
}
/** A document's window (`<img name="defaultView">` replaces a document's own); null for one without a browsing context. */
export function defaultViewOf(doc: Document): Window | null {
  try {
    // An own getter stays in use: the unit tests' DOM (vitest's happy-dom) gives the document one for the
    // tests' global window. A page cannot: its named elements are data properties, and its own script's
    // accessors are not seen from the content script's world.
    const own = Object.getOwnPropertyDescriptor(doc, 'defaultView')?.get;
    return (own ?? DEFAULT_VIEW).call(doc) as Window | null;
  } catch {
    return null;
  }
}
/** The window `n` is shown in: its document's (see defaultViewOf). */
export const windowOfNode = (n: Node): Window | null =>
  nodeTypeOf(n) === Node.DOCUMENT_NODE ? defaultViewOf(n as Document) : defaultViewOf(ownerDocumentOf(n));
/** A document's style sheets (`<img name="styleSheets">` replaces a document's own). */
export const styleSheetsOf = (doc: Document): CSSStyleSheet[] => Array.from(STYLE_SHEETS.call(doc) as StyleSheetList);
/** Whether a document is shown (`<img name="visibilityState">` made it never 'visible'); 'visible' where the DOM cannot tell. */
export const visibilityStateOf = (doc: Document): DocumentVisibilityState =>
  VISIBILITY_STATE ? VISIBILITY_STATE.call(doc) as DocumentVisibilityState : 'visible';
/** A document's title, never an element named so (`<img name="title">`). */
export const titleOf = (doc: Document): string => (DOC_TITLE ? DOC_TITLE.call(doc) as string : '');
/** A document's body (`<img name="body">` replaces a document's own). */
export const bodyOf = (doc: Document): HTMLElement | null => (DOC_BODY ? DOC_BODY.call(doc) as HTMLElement | null : null);
/** The address a document was reached from ('' for none), never an element named so (`<img name="referrer">`). */
export const referrerOf = (doc: Document): string => (DOC_REFERRER ? DOC_REFERRER.call(doc) as string : '');
/** A new Range in `doc` (`<img name="createRange">` replaces a document's own). */
export const createRangeIn = (doc: Document): Range => CREATE_RANGE.call(doc);
/** A new empty fragment of `doc`, to try a selector on (`<img name="createDocumentFragment">`). */
export const createFragmentIn = (doc: Document): DocumentFragment => CREATE_FRAGMENT.call(doc);
const FRAGMENT_QUERY = DocumentFragment.prototype.querySelector;
/** Whether this engine takes `selector`: tried on an empty fragment of `doc`, which holds nothing a page named. */
export function isValidSelector(doc: Document, selector: string): boolean {
  try {
    FRAGMENT_QUERY.call(createFragmentIn(doc), selector);
    return true;
  } catch {
    return false;
  }
}
/**
 * The topmost element at (x, y) of a document's or shadow root's viewport (`<img name="elementFromPoint">`
 * replaces a document's own). As boundsOf: an own function stays in use (the unit tests lay pages out that
 * way); a named element never is one.
 */
export function elementFromPointIn(scope: Document | ShadowRoot, x: number, y: number): Element | null {
  const own = (scope as { elementFromPoint?: unknown }).elementFromPoint;
  if (typeof own === 'function' && !isNodeValue(own)) return (own as Document['elementFromPoint']).call(scope, x, y);
  if (nodeTypeOf(scope) === Node.DOCUMENT_NODE) return DOC_FROM_POINT.call(scope, x, y);
  return SHADOW_FROM_POINT ? SHADOW_FROM_POINT.call(scope, x, y) : null;
}
/** Whether a value is a DOM node (an element a page named after a member), by the prototype's getter. */
export function isNodeValue(v: unknown): boolean {
  try {
    return typeof NODE.nodeType.call(v) === 'number';
  } catch {
    return false;
  }
}
/**
 * addEventListener and removeEventListener on a node through EventTarget's prototype: a document's named
 * element or a form's control named so replaces them on a document or a form. Anything else (a window, a
 * port) has no named properties that override its own, and keeps its own.
 */
export function addListener(target: EventTarget, type: string, fn: EventListener, options?: AddEventListenerOptions): void {
  if (isNodeValue(target)) ADD_LISTENER.call(target, type, fn, options);
  else target.addEventListener(type, fn, options);
}
export function removeListener(target: EventTarget, type: string, fn: EventListener, options?: EventListenerOptions): void {
  if (isNodeValue(target)) REMOVE_LISTENER.call(target, type, fn, options);
  else target.removeEventListener(type, fn, options);
}

/** A shadow root's host (the getter of ShadowRoot's prototype, never a property the page set). */
export const hostOf = (root: ShadowRoot): Element => SHADOW_HOST.call(root) as Element;

const ASSIGNED_SLOT = Object.getOwnPropertyDescriptor(Element.prototype, 'assignedSlot')?.get;
/** The <slot> the browser says an element is shown through (none for a closed root's slot), by the prototype's getter. */
export const nativeAssignedSlot = (el: Element): Element | null => (ASSIGNED_SLOT?.call(el) as Element | null | undefined) ?? null;
/**
 * The <slot> an element is shown through, if any. The getter gives none for a closed root's slot, and happy-dom
 * has none: then the parent's root (through `shadowOf`) is asked for the slot of the element's slot name.
 */
export function assignedSlotOf(el: Element, shadowOf: (host: Element) => ShadowRoot | null = shadowRootOf): Element | null {
  const native = nativeAssignedSlot(el);
  if (native) return native;
  // None for a slot of a closed root (the getter hides it): looked up in the root, which `shadowOf` may open.
  const parent = parentElementOf(el);
  const root = parent && shadowOf(parent);
  if (!root) return null;
  const name = attrOf(el, 'slot') ?? '';
  return queryAllIn(root, 'slot').find((slot) => (attrOf(slot, 'name') ?? '') === name) ?? null;
}

/**
 * The most nodes a walk along one axis visits (ancestors, siblings, children). The getters above cannot be
 * clobbered, so a real tree cannot loop, but no walk counts on that: each stops here.
 */
export const MAX_WALK = 100_000;

/** Element children in order, read by firstChild/nextSibling through the prototypes (`children` can be clobbered). */
export function childrenOf(n: Node): Element[] {
  const out: Element[] = [];
  let i = 0;
  for (let c = firstChildOf(n); c && i < MAX_WALK; c = nextSiblingOf(c), i++) if (isElement(c)) out.push(c);
  return out;
}
/** Child nodes in order (`childNodes` can be clobbered). */
export function childNodesOf(n: Node): ChildNode[] {
  const out: ChildNode[] = [];
  let i = 0;
  for (let c = firstChildOf(n); c && i < MAX_WALK; c = nextSiblingOf(c), i++) out.push(c);
  return out;
}
export function firstElementChildOf(n: Node): Element | null {
  let i = 0;
  for (let c = firstChildOf(n); c && i < MAX_WALK; c = nextSiblingOf(c), i++) if (isElement(c)) return c;
  return null;
}
export function previousElementSiblingOf(n: Node): Element | null {
  let i = 0;
  for (let c = previousSiblingOf(n); c && i < MAX_WALK; c = previousSiblingOf(c), i++) if (isElement(c)) return c;
  return null;
}
/** The parent, or a shadow root's host: the way up across shadow roots (not across frames). */
export function parentOrHostOf(n: Node): Node | null {
  const p = parentOf(n) as Node | null;
  if (p) return p;
  return isShadowRoot(n) ? hostOf(n) : null;
}
/**
 * getBoundingClientRect, which a form's control named so replaces on the form (the prototype's then). An own
 * function stays in use: the unit tests lay pages out that way, and a page that lies about geometry can
 * already do so by its layout.
 */
export const boundsOf = (el: Element): DOMRect => {
  const own = (el as { getBoundingClientRect?: unknown }).getBoundingClientRect;
  return typeof own === 'function' ? (own as () => DOMRect).call(el) : BOUNDING_RECT.call(el);
};
export interface ElementMetrics { clientLeft: number; clientTop: number; clientWidth: number; clientHeight: number; scrollWidth: number; scrollHeight: number }
/** A layout number: the element's own when it is one (see boundsOf), else the prototype's (a clobbered name is not). */
function numberOf(el: Element, key: keyof ElementMetrics): number {
  const own = (el as unknown as Record<string, unknown>)[key];
  return typeof own === 'number' ? own : (LAYOUT[key].call(el) as number);
}
export function metricsOf(el: Element): ElementMetrics {
  return {
    clientLeft: numberOf(el, 'clientLeft'), clientTop: numberOf(el, 'clientTop'),
    clientWidth: numberOf(el, 'clientWidth'), clientHeight: numberOf(el, 'clientHeight'),
    scrollWidth: numberOf(el, 'scrollWidth'), scrollHeight: numberOf(el, 'scrollHeight'),
  };
}
/** How far an element is scrolled (`<input name="scrollTop">` makes a scrolling form's own that input: NaN offsets). */
export const scrollOffsetOf = (el: Element): { x: number; y: number } =>
  ({ x: LAYOUT.scrollLeft.call(el) as number, y: LAYOUT.scrollTop.call(el) as number });
/** Painted at all (computed visibility and opacity) where the browser can tell; true where it cannot. */
export function paintedOf(el: Element): boolean {
  const own = (el as { checkVisibility?: unknown }).checkVisibility;
  const check = typeof own === 'function' ? own as typeof CHECK_VISIBILITY : CHECK_VISIBILITY;
  return check ? check.call(el, { visibilityProperty: true, opacityProperty: true }) : true;
}

/**
 * Whether a node is still in a live document. A node of a document that was replaced (a frame's first
 * about:blank, once the frame loads another origin) is a dead object in Firefox, and any read of it throws
 * "can't access dead object": such a node counts as gone, instead of failing the snapshot and so the step.
 */
export function isLive(n: Node): boolean {
  try {
    return NODE.isConnected.call(n) as boolean;
  } catch {
    return false;
  }
}

// Form state, read through the prototypes too: the snapshot re-reads it for a value a script set (no event).
const INPUT = gettersOf(HTMLInputElement.prototype, ['value', 'checked']);
const TEXTAREA = gettersOf(HTMLTextAreaElement.prototype, ['value']);
const SELECT = gettersOf(HTMLSelectElement.prototype, ['value', 'selectedIndex']);

/**
 * An <input>'s or <textarea>'s value by its prototype's getter ('' for any other element, or one that throws): a
 * page's own `value` accessor does not answer, nor run in the middle of a snapshot.
 */
export function textValueOf(el: Element): string {
  try {
    const tag = tagOf(el);
    if (tag === 'input') return INPUT.value.call(el) as string;
    if (tag === 'textarea') return TEXTAREA.value.call(el) as string;
  } catch {
    // Not the element its tag says (a page's look-alike): it holds no value we can read.
  }
  return '';
}

/** A field's live state as one string (value, checked, selection), or null for an element that is no field. */
export function fieldStateOf(el: Element): string | null {
  try {
    switch (tagOf(el)) {
      case 'input': return `${INPUT.checked.call(el) ? 1 : 0}${INPUT.value.call(el) as string}`;
      case 'textarea': return TEXTAREA.value.call(el) as string;
      case 'select': return `${SELECT.selectedIndex.call(el) as number}:${SELECT.value.call(el) as string}`;
      default: return null;
    }
  } catch {
    // an element of another realm (a frame's) the getter refuses: its state is read when it is rebuilt
    return null;
  }
}

/** Labelable elements' `labels`, read through their own prototype's getter (null for any other element). */
const LABELS = [HTMLInputElement, HTMLButtonElement, HTMLSelectElement, HTMLTextAreaElement, HTMLOutputElement, HTMLMeterElement, HTMLProgressElement]
  .map((c) => [c.prototype, Object.getOwnPropertyDescriptor(c.prototype, 'labels')?.get] as const);
export function labelsOf(el: Element): Element[] {
  for (const [proto, get] of LABELS) {
    if (!get || !Object.prototype.isPrototypeOf.call(proto, el)) continue;
    try {
      return Array.from((get.call(el) as NodeListOf<Element> | null) ?? []);
    } catch {
      return [];
    }
  }
  return [];
}
