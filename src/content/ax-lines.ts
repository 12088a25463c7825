// One element's line of observation.axtree (core/ax-tree-parts): its role and
// accessible name from dom-accessibility-api (the library Testing Library
// uses, which follows accname and html-aam), its states, and the page's other
// elements its name was read from, so a change there rebuilds it.
//
// The library reads the DOM as any script does (element.getAttribute,
// childNodes, labels…): on a page whose <form> clobbers those names it may
// throw, and then the line falls back to what the prototypes' getters say (the
// role attribute and aria-label). It only descends (children, referenced and
// labelling elements), never climbs, so a clobbered parentNode cannot make it loop.
import { computeAccessibleName, getRole } from 'dom-accessibility-api';
import { AX_ELEMENT, AX_TEXT, cleanAxText, quoteAx } from '../core/ax-tree-parts';
import { SENSITIVE_PLACEHOLDER } from '../core/sensitive-field';
import {
  attrOf, closestOf, elementByIdIn, fieldStateOf, hasAttrOf, isLive, matchesOf, queryAllIn, queryAllUnder, querySelectorOf, rootNodeOf, shadowRootOf, tagOf,
  textContentOf,
} from './dom-safe';
import { isEditingHost } from './dom-utils';

/** Roles that carry no meaning of their own: such an element is left out unless it has a name or takes focus. */
const GENERIC = new Set(['generic', 'none', 'presentation']);
/** Roles whose name is read from their content (accname 'name from content'): their text is not repeated under them. */
const NAME_FROM_CONTENT = new Set([
  'button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem',
]);
/** Landmarks that html-aam maps only when named (the library maps them always). */
const ONLY_NAMED = new Set(['region', 'form']);
/** Roles whose line carries the field's value. */
const VALUE_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider']);
const FOCUSABLE_TAGS = new Set(['button', 'input', 'select', 'textarea', 'summary', 'iframe']);
const NAME_ATTRS = ['aria-label', 'aria-labelledby', 'title'];
/** Elements a <label> can name (html's labelable elements). */
const LABELABLE = new Set(['button', 'input', 'meter', 'output', 'progress', 'select', 'textarea']);
const labelable = (el: Element): boolean => LABELABLE.has(tagOf(el)) && !(tagOf(el) === 'input' && attrOf(el, 'type')?.trim().toLowerCase() === 'hidden');

/** The control a <label> names (html's label.control): the element its `for` names, else the first labelable one inside it. */
function controlOf(label: Element, root: Node): Element | null {
  const id = attrOf(label, 'for');
  if (id === null) return queryAllUnder(label, [...LABELABLE].join(', ')).find(labelable) ?? null;
  const el = id ? elementByIdIn(root, id) : null;
  return el && labelable(el) ? el : null;
}

/** The shadow host a label's `for` names, if it names one. */
function namedHost(label: Element, root: Node): Element | null {
  const id = attrOf(label, 'for');
  const el = id ? elementByIdIn(root, id) : null;
  return el && shadowRootOf(el) ? el : null;
}

export interface AxLineInput {
  el: Element;
  id: number;
  /** Text as every other string of the step is (scrubbed, collapsed, cut): the snapshot's own redactor. */
  redact: (text: string, label?: string) => string;
  /** Whether it is a sensitive field, whose value never appears (asked only of fields with a value). */
  sensitive: () => boolean;
  /** The browser's id of a cross-origin frame this iframe holds, when it told it (see core/ax-tree-parts). */
  frameId?: number;
  maxTextLength: number;
  /** What no other element's name may carry: masked elements' text and sensitive fields' values. */
  guard?: NameGuard;
  /**
   * Its content as the snapshot scrubbed it (its children's lines): the name of an element named by its content.
   * The library reads the raw text, which the redactor would see without the structure that names a value (a
   * cell's column: "Jürgen Oberhuber" under "Name" was scrubbed in dom_tree and kept in the cell's name).
   */
  contentText?: () => string;
}

/**
 * A name is read from other elements (its content, its labels, aria-labelledby and aria-owns targets), and
 * accname takes an embedded textbox's value into it: a masked element's text or a sensitive field's value
 * would come out in another element's name ("Pay 4929" for <button>Pay <span class=masked>4929</span>).
 */
export interface NameGuard {
  maskSelector: string | null;
  maskText: string;
  sensitiveField: (field: Element) => boolean;
}

export interface AxLine {
  /** AX_ELEMENT and the line, or '' for an element left out (its children take its place). */
  marked: string;
  /** Its name came from its content: text lines under it would repeat it. */
  fromContent: boolean;
}

/** Names of elements whose accessible name is read from other elements (labels, aria-labelledby). */
export class AxNameSources {
  /** A labelling element -> the elements whose name it gives. */
  private readonly dependents = new WeakMap<Element, Set<Element>>();
  /** Elements naming an id that was not there yet: looked at again after any change. */
  readonly unresolved = new Set<Element>();
  /** Per document or shadow root, each control its <label>s name and those labels: read once after each change to the page. */
  private labelsIn = new WeakMap<Node, Map<Element, Element[]>>();
  /** The same, as last read whatever changed since: what relabelled compares a new read with. */
  private readonly lastRead = new WeakMap<Node, Map<Element, Element[]>>();

  /** The page changed: which controls labels name is read again when next asked. */
  changed(): void {
    this.labelsIn = new WeakMap();
  }

  /**
   * The <label>s that name `el` (html's `labels`), from one read of its root's labels after each change. Reading
   * `labels` (as the library does for every labelable element) walks the element's whole document in Blink, a
   * live list per element: on a page of 4,000 buttons that is 4,000 walks of the page, and on a form of 2,000
   * labelled fields as many (happy-dom: 0.35 s for 500, 2.2 s for 2,000, 33 s for 5,000).
   */
  labelsFor(el: Element): Element[] {
    if (!LABELABLE.has(tagOf(el))) return [];
    const root = rootNodeOf(el);
    return (this.labelsIn.get(root) ?? this.readLabels(root)).get(el) ?? [];
  }

  /**
   * The controls whose labels differ from the last read of `root`'s (read again now): a label that came inside a
   * wrapper, a field moved into a label, a label's first control removed, a duplicate id's first holder gone. None
   * of these changes the field itself, whose build (its name, whether it is sensitive) is then stale.
   */
  relabelled(root: Node): Element[] {
    const before = this.lastRead.get(root) ?? new Map<Element, Element[]>();
    const now = this.readLabels(root);
    const out: Element[] = [];
    for (const [control, labels] of now) {
      const was = before.get(control);
      if (!was || was.length !== labels.length || labels.some((l, i) => l !== was[i])) out.push(control);
    }
    for (const control of before.keys()) if (!now.has(control)) out.push(control);
    return out;
  }

  private readLabels(root: Node): Map<Element, Element[]> {
    const byControl = new Map<Element, Element[]>();
    for (const label of queryAllIn(root, 'label')) {
      // A label naming a custom element (no labelable control) is kept too: the field inside its shadow root
      // reads it (dom-utils' outerLabelTexts), so one coming or going must rebuild the host and that field.
      const control = controlOf(label, root) ?? namedHost(label, root);
      if (!control) continue;
      const list = byControl.get(control);
      if (list) list.push(label);
      else byControl.set(control, [label]);
    }
    this.labelsIn.set(root, byControl);
    this.lastRead.set(root, byControl);
    return byControl;
  }

  /** The elements whose name `el` gives, when it has any. */
  dependentsOf(el: Element): ReadonlySet<Element> | undefined {
    return this.dependents.get(el);
  }

  note(el: Element, labels: readonly Element[]): void {
    this.unresolved.delete(el);
    const ids = attrOf(el, 'aria-labelledby');
    if (ids) {
      const root = rootNodeOf(el);
      for (const id of ids.split(/\s+/).filter(Boolean).slice(0, 16)) {
        const ref = elementByIdIn(root, id);
        if (ref) this.add(ref, el);
        else this.unresolved.add(el);
      }
    }
    for (const label of labels) this.add(label, el);
  }

  /** Forget elements that left the page. */
  prune(): void {
    for (const el of this.unresolved) if (!isLive(el)) this.unresolved.delete(el);
  }

  /** `el`'s name (or whether it is sensitive) was read from `source`: a change there rebuilds it. */
  depend(source: Element, el: Element): void {
    this.add(source, el);
  }

  private add(source: Element, el: Element): void {
    let set = this.dependents.get(source);
    if (!set) this.dependents.set(source, (set = new Set()));
    set.add(el);
  }
}

const explicitRole = (el: Element): string | undefined => attrOf(el, 'role')?.trim().split(/\s+/)[0] || undefined;

/** A <form> is the element whose own properties its controls replace: it is never handed to the library. */
function safeRole(el: Element): string {
  const tag = tagOf(el);
  if (tag === 'iframe' || tag === 'frame') return 'iframe';
  if (tag === 'form') return explicitRole(el) ?? 'form';
  try {
    return getRole(el) || (tag === 'svg' ? 'img' : 'generic');
  } catch {
    return explicitRole(el) ?? 'generic';
  }
}

/**
 * Only where the library cannot be used (a form; a page whose clobbered names make it throw; a name looping
 * through aria-owns until the stack runs out): the name from aria-label, aria-labelledby, labels, content or title,
 * each read through the prototypes' getters.
 */
function fallbackName(el: Element, role: string, labels: readonly Element[]): string {
  const label = attrOf(el, 'aria-label')?.trim();
  if (label) return label;
  const ids = attrOf(el, 'aria-labelledby');
  const root = ids ? rootNodeOf(el) : null;
  const refs = root ? ids!.split(/\s+/).filter(Boolean).slice(0, 16).map((id) => elementByIdIn(root, id)).filter((r) => r !== null) : [];
  const named = (refs.length ? refs : labels).map(textContentOf).join(' ').trim();
  if (named) return named;
  if (NAME_FROM_CONTENT.has(role)) {
    const text = textContentOf(el).trim();
    if (text) return text;
  }
  return attrOf(el, 'title') ?? '';
}

function safeName(el: Element, role: string, labels: readonly Element[]): string {
  if (tagOf(el) === 'form') return fallbackName(el, role, labels);
  // The library is told the labels by an own `labels` (null for none, its own test for "no labels") instead of
  // reading the live list (see AxNameSources.labelsFor). Content scripts see their own wrappers of page nodes
  // (an isolated world in Chromium, Xray expandos in Firefox): the page never sees this property.
  const ownLabels = LABELABLE.has(tagOf(el));
  if (ownLabels) Object.defineProperty(el, 'labels', { value: labels.length ? labels : null, configurable: true });
  try {
    return computeAccessibleName(el, { computedStyleSupportsPseudoElements: false });
  } catch {
    return fallbackName(el, role, labels);
  } finally {
    if (ownLabels) delete (el as { labels?: unknown }).labels;
  }
}

/** The elements `el`'s name may be read from (their subtrees too). */
function nameRegions(el: Element, role: string, labels: readonly Element[]): { region: Element; referenced: boolean }[] {
  const out = (NAME_FROM_CONTENT.has(role) ? [el] : []).map((region) => ({ region, referenced: false }));
  const root = rootNodeOf(el);
  for (const attr of ['aria-labelledby', 'aria-owns']) {
    const ids = attrOf(el, attr);
    if (!ids) continue;
    for (const id of ids.split(/\s+/).filter(Boolean).slice(0, 16)) {
      const ref = elementByIdIn(root, id);
      if (ref) out.push({ region: ref, referenced: true });
    }
  }
  out.push(...labels.map((region) => ({ region, referenced: false })));
  return out;
}

/**
 * What stands for a name read from a masked element or a sensitive field's value, or null when it reads neither.
 * A field's own value is read into its name only when aria-labelledby names the field itself (accname's
 * "Flash the screen [5] times"): a label around it does not give its own value.
 */
function guardedName(el: Element, role: string, labels: readonly Element[], guard: NameGuard): string | null {
  const regions = nameRegions(el, role, labels);
  const sel = guard.maskSelector;
  if (sel && regions.some(({ region: r }) => matchesOf(r, sel) || closestOf(r, sel) !== null || querySelectorOf(r, sel) !== null)) return guard.maskText;
  for (const { region: r, referenced } of regions) {
    const fields = LABELLED_FIELDS.has(tagOf(r)) ? [r] : queryAllUnder(r, 'input, textarea');
    for (const f of fields) {
      if (f === el && !referenced) continue;
      const state = fieldStateOf(f);
      const value = state === null ? '' : tagOf(f) === 'input' ? state.slice(1) : state;
      if (value && guard.sensitiveField(f)) return SENSITIVE_PLACEHOLDER;
    }
    // A sensitive editing box (a "Password" contenteditable) read into another element's name gives its text too.
    const editors = isEditingHost(r) ? [r] : queryAllUnder(r, '[contenteditable], [role]').filter(isEditingHost).slice(0, 16);
    for (const e of editors) {
      if (e === el && !referenced) continue;
      if (textContentOf(e).trim() && guard.sensitiveField(e)) return SENSITIVE_PLACEHOLDER;
    }
  }
  return null;
}
const LABELLED_FIELDS = new Set(['input', 'textarea']);

function focusable(el: Element, tag: string): boolean {
  if (FOCUSABLE_TAGS.has(tag)) return !hasAttrOf(el, 'disabled') || tag === 'iframe';
  if (tag === 'a' && hasAttrOf(el, 'href')) return true;
  const editable = attrOf(el, 'contenteditable');
  return hasAttrOf(el, 'tabindex') || hasAttrOf(el, 'onclick') || (editable !== null && editable !== 'false');
}

function states(el: Element, tag: string, role: string): string {
  let out = '';
  const aria = (name: string): string | null => attrOf(el, name);
  if (tag === 'input' && (role === 'checkbox' || role === 'radio' || role === 'switch')) {
    if (fieldStateOf(el)?.[0] === '1') out += ' checked';
  } else {
    const checked = aria('aria-checked') ?? aria('aria-pressed');
    if (checked === 'true') out += ' checked';
    else if (checked === 'mixed') out += ' mixed';
  }
  if ((tag === 'option' && (el as HTMLOptionElement).selected) || aria('aria-selected') === 'true') out += ' selected';
  const expanded = aria('aria-expanded');
  if (expanded === 'true' || (tag === 'details' && hasAttrOf(el, 'open'))) out += ' expanded';
  else if (expanded === 'false') out += ' collapsed';
  if (role === 'heading') {
    const level = /^h([1-6])$/.exec(tag)?.[1] ?? aria('aria-level');
    if (level && /^\d{1,2}$/.test(level)) out += ` level=${level}`;
  }
  if (hasAttrOf(el, 'disabled') || aria('aria-disabled') === 'true') out += ' disabled';
  if (hasAttrOf(el, 'required') || aria('aria-required') === 'true') out += ' required';
  if (hasAttrOf(el, 'readonly') || aria('aria-readonly') === 'true') out += ' readonly';
  return out;
}

function clip(text: string, max: number): string {
  const clean = cleanAxText(text);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The line of `el`, or '' when it carries no meaning (a generic wrapper without a name that takes no focus). */
export function axLine(input: AxLineInput, sources: AxNameSources): AxLine {
  const { el, id } = input;
  const tag = tagOf(el);
  let role = safeRole(el);
  const isGeneric = GENERIC.has(role);
  // A generic element's name can only come from these (generic prohibits naming; the library gives '' anyway).
  const mayHaveName = !isGeneric || NAME_ATTRS.some((a) => hasAttrOf(el, a));
  const labels = mayHaveName ? sources.labelsFor(el) : [];
  if (mayHaveName) sources.note(el, labels);
  const namedByContent = NAME_FROM_CONTENT.has(role) && !hasAttrOf(el, 'aria-label') && !hasAttrOf(el, 'aria-labelledby') && labels.length === 0;
  // Named by its content: that content as the snapshot scrubbed it (masked parts as their mask text, fields without
  // their values), without asking the library, which would walk the whole subtree again for each element named so
  // (nested role=button elements made naming quadratic: a page's way to stall the recorder). Scrubbed again
  // whole: a value split over several elements ("4111 1111" + "1111 1111") is one value here.
  const content = namedByContent && input.contentText ? input.contentText() : '';
  const raw = content || !mayHaveName ? '' : safeName(el, role, labels);
  // Native queries only (a mask or a sensitive field among the name's sources): the whole name is then the mask's.
  const guarded = (content || raw) && input.guard ? guardedName(el, role, labels, input.guard) : null;
  const name = guarded !== null ? cleanAxText(guarded) : clip(input.redact(content || raw), input.maxTextLength);
  if (ONLY_NAMED.has(role) && !name) role = 'generic';
  if (GENERIC.has(role) && !name && !focusable(el, tag) && input.frameId === undefined) return { marked: '', fromContent: false };
  let line = `[${id}] ${role}`;
  if (name) line += ` ${quoteAx(name)}`;
  if (VALUE_ROLES.has(role) && (tag === 'input' || tag === 'textarea')) {
    const state = fieldStateOf(el);
    const value = state === null ? '' : tag === 'input' ? state.slice(1) : state;
    if (value) line += ` value=${quoteAx(input.sensitive() ? SENSITIVE_PLACEHOLDER : clip(input.redact(value, raw || content || undefined), input.maxTextLength))}`;
  }
  line += states(el, tag, role);
  if (input.frameId !== undefined) line += ` frame=${input.frameId}`;
  const fromContent = !!name && namedByContent;
  return { marked: AX_ELEMENT + line, fromContent };
}

/** The line a masked element keeps: its role, and the mask text for a name (nothing under it). */
export function maskedAxLine(el: Element, id: number, maskText: string): string {
  return `${AX_ELEMENT}[${id}] ${safeRole(el)} ${quoteAx(cleanAxText(maskText))}`;
}

/** A text node's line, from the text as the snapshot scrubbed and cut it. */
export const axTextLine = (text: string): string => {
  const clean = cleanAxText(text);
  return clean ? AX_TEXT + quoteAx(clean) : '';
};

/** Text lines removed from children's parts (under an element named by that very text). */
// eslint-disable-next-line no-control-regex
const TEXT_LINES = /\u0005[^\u0002-\u0005]*/g;
export const withoutTextLines = (marked: string): string => (marked.includes(AX_TEXT) ? marked.replace(TEXT_LINES, '') : marked);

/** Whether the page hides `el` from assistive technology (its subtree too). */
export const axHidden = (el: Element): boolean => attrOf(el, 'aria-hidden') === 'true';

