// DOM reads that a page cannot clobber. A <form> exposes its controls as
// properties: <input name="localName"> makes form.localName that input, and
// the same goes for firstChild, attributes, getAttribute… in every world,
// the content script's included. These read through the prototypes instead.
const getter = (proto: object, key: string): ((this: unknown) => unknown) =>
  Object.getOwnPropertyDescriptor(proto, key)!.get! as (this: unknown) => unknown;

const LOCAL_NAME = getter(Element.prototype, 'localName');
const ATTRIBUTES = getter(Element.prototype, 'attributes');
const SHADOW_ROOT = getter(Element.prototype, 'shadowRoot');
const FIRST_CHILD = getter(Node.prototype, 'firstChild');
const NEXT_SIBLING = getter(Node.prototype, 'nextSibling');
const NODE_TYPE = getter(Node.prototype, 'nodeType');
const IS_CONNECTED = getter(Node.prototype, 'isConnected');
const GET_ATTRIBUTE = Element.prototype.getAttribute;
const HAS_ATTRIBUTE = Element.prototype.hasAttribute;
const MATCHES = Element.prototype.matches;

export const tagOf = (el: Element): string => LOCAL_NAME.call(el) as string;
export const attributesOf = (el: Element): NamedNodeMap => ATTRIBUTES.call(el) as NamedNodeMap;
export const shadowRootOf = (el: Element): ShadowRoot | null => SHADOW_ROOT.call(el) as ShadowRoot | null;
export const firstChildOf = (n: Node): ChildNode | null => FIRST_CHILD.call(n) as ChildNode | null;
export const nextSiblingOf = (n: Node): ChildNode | null => NEXT_SIBLING.call(n) as ChildNode | null;
export const nodeTypeOf = (n: Node): number => NODE_TYPE.call(n) as number;
export const attrOf = (el: Element, name: string): string | null => GET_ATTRIBUTE.call(el, name);
export const hasAttrOf = (el: Element, name: string): boolean => HAS_ATTRIBUTE.call(el, name);
export const matchesOf = (el: Element, selector: string): boolean => MATCHES.call(el, selector);

/**
 * Whether a node is still in a live document. A node of a document that was replaced (a frame's first
 * about:blank, once the frame loads another origin) is a dead object in Firefox, and any read of it throws
 * "can't access dead object": such a node counts as gone, instead of failing the snapshot and so the step.
 */
export function isLive(n: Node): boolean {
  try {
    return IS_CONNECTED.call(n) as boolean;
  } catch {
    return false;
  }
}

// Form state, read through the prototypes too: the snapshot re-reads it for a value a script set (no event).
const INPUT_VALUE = getter(HTMLInputElement.prototype, 'value');
const INPUT_CHECKED = getter(HTMLInputElement.prototype, 'checked');
const TEXTAREA_VALUE = getter(HTMLTextAreaElement.prototype, 'value');
const SELECT_VALUE = getter(HTMLSelectElement.prototype, 'value');
const SELECT_INDEX = getter(HTMLSelectElement.prototype, 'selectedIndex');

/** A field's live state as one string (value, checked, selection), or null for an element that is no field. */
export function fieldStateOf(el: Element): string | null {
  try {
    switch (tagOf(el)) {
      case 'input': return `${INPUT_CHECKED.call(el) ? 1 : 0}${INPUT_VALUE.call(el) as string}`;
      case 'textarea': return TEXTAREA_VALUE.call(el) as string;
      case 'select': return `${SELECT_INDEX.call(el) as number}:${SELECT_VALUE.call(el) as string}`;
      default: return null;
    }
  } catch {
    // an element of another realm (a frame's) the getter refuses: its state is read when it is rebuilt
    return null;
  }
}
