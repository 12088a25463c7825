// ARIA role and accessible name of an element: a pragmatic subset of the
// HTML-AAM / accname rules, enough to name what a person clicked.
import { RAW_TEXT_BUDGET, withinBudget } from '../core/scrub/cut';
import { joinText } from '../core/scrub/pieces';
import { attrOf, childNodesOf, elementByIdIn, hasAttrOf, isEditableOf, matchesOf, MAX_WALK, nodeTypeOf, querySelectorOf, rootNodeOf, tagOf } from './dom-safe';
import { MAX_CLIMB, parentAcrossRoots } from './snapshot-element-kinds';

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
  const explicit = attrOf(el, 'role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = tagOf(el);
  if (tag === 'input') return INPUT_ROLE[(el as HTMLInputElement).type] ?? 'textbox';
  if (tag === 'a' && !hasAttrOf(el, 'href')) return 'generic';
  if (isEditableOf(el)) return 'textbox';
  return IMPLICIT_ROLE[tag] ?? 'generic';
}

/**
 * A name or a text as the pieces of the page it was read from (text nodes, attribute values), raw and uncut:
 * the recorder scrubs them piece by piece, then joined, then cuts (core/scrub/pieces).
 */
export type TextParts = string[];

/**
 * A textarea's children are its initial value, a field's value (the snapshot writes a sensitive one's never):
 * a name read through a label round it, or a button holding it, must not carry it.
 */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'textarea']);

/**
 * The user's masks (config mask_selectors) as the snapshot applies them: a masked element keeps no text in
 * dom_tree and axtree, so a target's name and text read through it (its own, a wrapper's, a label's, a slot's)
 * carry the mask text in its place, as the axtree line's name does (ax-lines' guardedName).
 */
/** What a step's target text is read through: mask selectors, and sensitive editing hosts (`secret`), both shown as `text`. */
export interface TextMask { selector: string | null; text: string; secret?: (el: Element) => boolean }
const NO_MASK: TextMask = { selector: null, text: '' };

const isMasked = (el: Element, mask: TextMask): boolean =>
  (mask.selector !== null && matchesOf(el, mask.selector)) || (mask.secret?.(el) ?? false);

/** What a <slot> shows: the nodes slotted into it, else its own fallback content. */
function slotted(slot: Element): Node[] {
  try {
    const nodes = (HTMLSlotElement.prototype.assignedNodes as (o: { flatten: boolean }) => Node[]).call(slot, { flatten: true });
    if (nodes.length) return nodes;
  } catch {
    // not a slot this realm knows: its children
  }
  return childNodesOf(slot);
}

/**
 * Nodes a name may still visit, shared by every element it is read from: a name is read at pointerdown, on the
 * click's critical path, and a page naming one textless subtree of 100,000 nodes in aria-labelledby ten thousand
 * times (or by as many <label for>s) made each one a full walk.
 */
interface WalkBudget { nodes: number }

/**
 * The text nodes under `el`, in order, until `budget` characters (whitespace runs counted once) are read. A
 * <slot> reads as what is slotted into it, as it renders: a design system's button (Shoelace's) keeps its label in
 * the light DOM, and the inner <button> the pointer hits holds only the slot.
 */
function textParts(el: Element, budget = RAW_TEXT_BUDGET, mask: TextMask = NO_MASK, walk: WalkBudget = { nodes: MAX_WALK }): TextParts {
  const parts: TextParts = [];
  let left = budget;
  const stack: Node[] = [el];
  for (; stack.length && left > 0 && walk.nodes > 0; walk.nodes--) {
    const node = stack.pop()!;
    const type = nodeTypeOf(node);
    if (type === 3 /* Node.TEXT_NODE */) {
      const read = withinBudget((node.nodeValue ?? '').replace(/\s+/g, ' '), left);
      parts.push(read.text);
      left = read.full ? left - read.text.length : 0;
      continue;
    }
    if (type !== 1 /* Node.ELEMENT_NODE */ || SKIPPED.has(tagOf(node as Element))) continue;
    if (isMasked(node as Element, mask)) {
      // Checked on every element the walk enters, slotted ones too: a slot's content is in no querySelector's reach.
      parts.push(` ${mask.text} `);
      left -= mask.text.length + 2;
      continue;
    }
    const children = tagOf(node as Element) === 'slot' ? slotted(node as Element) : childNodesOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts;
}

/** One attribute's value as a piece (within the budget), or none. */
function attrParts(value: string | null | undefined): TextParts {
  const text = withinBudget((value ?? '').replace(/\s+/g, ' '), RAW_TEXT_BUDGET).text;
  return text.trim() ? [text] : [];
}

/** Several elements' text as one name ("aria-labelledby", a field's labels): a space between each, one budget for all. */
function partsOf(els: readonly Element[], mask: TextMask): TextParts {
  const parts: TextParts = [];
  let left = RAW_TEXT_BUDGET;
  const walk: WalkBudget = { nodes: MAX_WALK };
  for (const el of els) {
    if (left <= 0 || walk.nodes <= 0) break;
    const read = textParts(el, left, mask, walk);
    if (parts.length) parts.push(' ');
    parts.push(...read);
    left -= read.reduce((n, p) => n + p.length, 1);
  }
  return parts;
}

/** Text content without script/style noise, as pieces. */
export function visibleTextParts(el: Element, mask: TextMask = NO_MASK): TextParts {
  if (tagOf(el) === 'input' || tagOf(el) === 'textarea' || tagOf(el) === 'select') return [];
  return textParts(el, RAW_TEXT_BUDGET, mask);
}

export function accessibleNameParts(el: Element, mask: TextMask = NO_MASK): TextParts {
  // Its own label attributes too: the snapshot drops a masked element's title, alt, placeholder and aria text.
  if (isMasked(el, mask)) return [mask.text];
  const labelledBy = attrOf(el, 'aria-labelledby');
  if (labelledBy) {
    // In the element's own tree (its shadow root's, if any), as ax-lines looks ids up; at most 16 ids, as the
    // axtree line reads them (ax-lines' nameRegions). Through the prototypes: <img name="getElementById"> replaces a document's.
    const root = rootNodeOf(el);
    const parts = partsOf(labelledBy.split(/\s+/).filter(Boolean).slice(0, 16).flatMap((id) => elementByIdIn(root, id) ?? []), mask);
    if (joinText(parts)) return parts;
  }
  const aria = attrOf(el, 'aria-label');
  if (aria && aria.trim()) return attrParts(aria);
  const tag = tagOf(el);
  if (tag === 'input' || tag === 'textarea' || tag === 'select') {
    const input = el as HTMLInputElement;
    if (['button', 'submit', 'reset'].includes(input.type)) return attrParts(input.value || input.type);
    if (input.type === 'image') return attrParts(attrOf(el, 'alt'));
    const labels = Array.from(input.labels ?? []).slice(0, 16);
    const fromLabel = partsOf(labels, mask);
    if (joinText(fromLabel)) return fromLabel;
    return attrParts(attrOf(el, 'placeholder') ?? attrOf(el, 'title') ?? attrOf(el, 'name'));
  }
  if (tag === 'img' || tag === 'area') return attrParts(attrOf(el, 'alt') ?? attrOf(el, 'title'));
  const text = visibleTextParts(el, mask);
  if (joinText(text)) return text;
  const img = querySelectorOf(el, 'img[alt]');
  if (img) return attrParts(attrOf(img, 'alt'));
  return attrParts(attrOf(el, 'title'));
}

/**
 * A step target's name and text, raw, as the recorder sends them to be scrubbed. A target inside a masked
 * subtree (the pointer on a masked element's child, across shadow roots) is the mask's: nothing of it is read.
 */
export function targetTextParts(el: Element, mask: TextMask): { name: TextParts; text: TextParts } {
  if (mask.selector !== null || mask.secret) {
    let n: Node | null = el;
    // Bounded, as every climb (see MAX_CLIMB): a page's nesting cannot make it loop.
    for (let depth = 0; n && depth < MAX_CLIMB; depth++, n = parentAcrossRoots(n)) {
      if (nodeTypeOf(n) === 1 && isMasked(n as Element, mask)) return { name: [mask.text], text: [mask.text] };
    }
  }
  return { name: accessibleNameParts(el, mask), text: visibleTextParts(el, mask) };
}
