// The snapshot's XML, every element carrying id="N", and its part of axtree, built in one walk: the tag and
// attribute sets kept, text and attribute values redacted and clipped, live form state (sensitive fields
// only ever a placeholder), masked subtrees, open and opened closed shadow roots, same-origin frames inlined.
// Each element's output is cached in the BuildCaches the snapshotter holds and invalidates; as it builds, it
// notes in SnapshotRegions what was redacted and which areas are media.
import type { Redactor } from '../core/redactor';
import { SENSITIVE_PLACEHOLDER, type SensitiveFieldTest } from '../core/sensitive-field';
import { escapeXmlAttr, escapeXmlText, xmlName } from '../core/xml-escape';
import { BOX_MARK } from '../core/dom-tree-parts';
import { endsRun, INLINE_LEVEL, LAID_OUT_TAGS, OUT_OF_LINE, PAINTS_NOTHING, PAINTS_NOTHING_TAGS } from '../core/scrub/inline-runs';
import { AX_CLOSE, AX_OPEN, axPartsText } from '../core/ax-tree-parts';
import { closedShadowRootOpener } from '../platform/host/closed-shadow-roots';
import { axHidden, axLine, AxNameSources, axTextLine, maskedAxLine, withoutTextLines } from './ax-lines';
import type { SnapshotLimits } from './dom-snapshot';
import { fieldAttributes, isSensitiveEditor } from './dom-utils';
import type { FieldAttributes } from '../core/sensitive-field';
import {
  attributesOf, attrOf, boundsOf, namespaceOf, documentElementOf, fieldStateOf, firstChildOf, hasAttrOf, hostOf, isElement, isLive, matchesOf, nextSiblingOf, nodeTypeOf, ownerDocumentOf, paintedOf,
  parentOf, previousSiblingOf, querySelectorOf, shadowRootOf, tagOf, textContentOf, textValueOf, windowOfNode,
} from './dom-safe';
import type { ElementIds } from './element-ids';
import { frameDocumentOf } from './frame-document';
import type { NearViewport } from './near-viewport';
import { hiddenOf, isInteractive, KEEP_ATTRS, LABEL_ATTRS, MAX_TREE_DEPTH, SAYS_VISIBLE, SKIP_TAGS, URL_ATTRS } from './snapshot-element-kinds';
import type { SnapshotRegions } from './snapshot-regions';
import { imageLabel, structureLabel } from './structure-label';

/** Content scripts can open a closed shadow root (each browser its own way: see platform/host). */
const openClosedShadowRoot = closedShadowRootOpener();
/** Elements that may host a shadow root (besides custom elements, whose names have a '-'): the DOM standard's list. */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'main', 'nav', 'p', 'section', 'span']);

/** Set by DomSnapshotter.configure(): what is masked and with what, which fields are sensitive, the size caps. */
export interface XmlConfig {
  maskSelector: string | null;
  maskText: string;
  sensitive: SensitiveFieldTest;
  limits: SnapshotLimits;
}

/** What resetCache() forgets: replaced whole when the redaction config changes. */
export interface BuildCaches {
  /** Each element's serialised subtree; deleted up the tree when something under it changes. */
  xml: WeakMap<Element, string>;
  /** Each element's part of axtree, built with its XML: rebuilt exactly when its XML is. */
  ax: WeakMap<Element, string>;
  /** The elements other elements' names are read from (labels, aria-labelledby): a change there rebuilds those. */
  axSources: AxNameSources;
  /** A field's state when it was last serialised: a script's `el.value = …` is found by comparing (see refreshFields). */
  fieldStates: WeakMap<Element, string>;
  /** Whether any element was built since the last reset (new ::before/::after rules then apply to built ones). */
  built: boolean;
  /** The blocks last built marked as laid out in the line (INLINE_LEVEL): an only child of one is looked at too. */
  inline: WeakSet<Element>;
  /**
   * The blocks whose display was read for the mark: a class on an ancestor, a style sheet or a media query may
   * change it with no mutation on the block, so they are read again when one of those changed (relaidOut).
   */
  asked: Set<Element>;
  /** The size of `asked` and `hiddenShown` together at which the removed elements they hold are dropped. */
  askedPruneAt: number;
  /**
   * Elements of the `hidden` attribute met in a build, and whether the page's style showed them (see hiddenOf): a
   * style sheet added or removed later shows or hides them with no mutation on them or their parent.
   */
  hiddenShown: Map<Element, boolean>;
}

export function newBuildCaches(): BuildCaches {
  return { xml: new WeakMap(), ax: new WeakMap(), axSources: new AxNameSources(), fieldStates: new WeakMap(), built: false, inline: new WeakSet(),
    asked: new Set(), askedPruneAt: ASKED_PRUNE_AT, hiddenShown: new Map() };
}

/** What the serialiser reads and writes of the snapshotter's state. */
export interface XmlContext {
  readonly ids: ElementIds;
  readonly redactor: Redactor;
  /** Interactive elements (and possible backgrounds) are watched for being near the viewport. */
  readonly near: NearViewport;
  readonly regions: SnapshotRegions;
  /** Closed shadow roots opened while building: textBoxes walks them without asking the browser again. */
  readonly closedRoots: WeakMap<Element, ShadowRoot>;
  config: XmlConfig;
  caches: BuildCaches;
  /** Main-thread time spent on accessibility lines since the snapshot began (warm builds are not counted). */
  axMs: number;
  /** The browser frame id a cross-origin frame element told (written as frame-id). */
  frameIdOf(el: Element): number | undefined;
  /** A shadow root or a frame's document met while building: its mutations are to be observed. */
  observeRoot(root: Document | ShadowRoot): void;
  /** A same-origin frame's document was read into the tree. */
  onFrameDocument(doc: Document): void;
}

export class SnapshotXml {
  /**
   * The last field attributes read, and the build they were read in: an input's value, label and accessible line
   * each ask, all in its one build. Good only until the next element's build or lookup begins (each counts one),
   * so a reading never outlives the stretch of work it was made for. A counter, not a saved-and-restored slot:
   * that cost a stack frame per level, and a deep page's build overflowed the stack sooner.
   */
  private buildSerial = 0;
  /** Levels of children() and invisible() now open. */
  private depth = 0;
  /** Cuts made at MAX_TREE_DEPTH so far: an element whose build made one is not cached (see element()). */
  private cuts = 0;
  private lastField: { el: Element; serial: number; field: FieldAttributes } | null = null;

  constructor(private readonly ctx: XmlContext) {}

  /** `el`'s XML (cached unless masked); its part of axtree goes to the ax cache. */
  element(el: Element, masked = false): string {
    this.buildSerial++;
    if (!masked && this.ctx.config.maskSelector && matchesOf(el, this.ctx.config.maskSelector)) {
      // The mask root's whole box is blurred; its subtree is built fresh (a cached child may predate the mask).
      this.ctx.regions.markField(el, 'mask');
      const xml = this.build(el, true);
      // In axtree: its role and the mask text, nothing under it.
      this.ctx.caches.ax.set(el, axHidden(el) ? '' : maskedAxLine(el, this.ctx.ids.idOf(el), this.ctx.config.maskText));
      return xml;
    }
    if (masked) return this.build(el, true);
    const cached = this.ctx.caches.xml.get(el);
    if (cached !== undefined) return cached;
    if (this.isSensitiveEditor(el)) {
      // A contenteditable box a label names sensitive (a card's code, a password): its text is never written,
      // and its box is blurred, empty or not (counted when it holds text), as a sensitive <input>'s is. Cached
      // like any element (its text changing rebuilds it), so a step on it names it, not an ancestor.
      this.ctx.regions.markField(el, 'credential', textContentOf(el).trim() !== '');
      const cuts = this.cuts;
      const xml = this.build(el, true);
      this.ctx.caches.ax.set(el, axHidden(el) ? '' : maskedAxLine(el, this.ctx.ids.idOf(el), SENSITIVE_PLACEHOLDER));
      if (this.cuts === cuts) this.ctx.caches.xml.set(el, xml);
      return xml;
    }
    const cuts = this.cuts;
    const out = this.build(el, false);
    // A build holding a cut is not kept: the page may move that subtree up, and a cut that no longer falls at
    // MAX_TREE_DEPTH would hide text the tree must now read and scrub (and the text map would vouch for it).
    if (this.cuts === cuts) this.ctx.caches.xml.set(el, out);
    return out;
  }

  /** An editing host (contenteditable, not "false") whose name says it holds a secret. */
  private isSensitiveEditor(el: Element): boolean {
    return isSensitiveEditor(el, this.ctx.config.sensitive, (e) => this.fieldOf(e));
  }

  private build(el: Element, masked: boolean): string {
    this.buildSerial++;
    this.ctx.caches.built = true;
    const tag = writtenTag(el);
    const id = this.ctx.ids.idOf(el);
    let attrs = ` id="${id}"`;
    const domId = attrOf(el, 'id');
    if (domId && !masked) attrs += ` dom-id="${escapeXmlAttr(this.attrValue('id', domId))}"`;
    for (const attr of Array.from(attributesOf(el))) {
      const name = attr.name.toLowerCase();
      if (!KEEP_ATTRS.has(name) && !name.startsWith('aria-') && name !== 'data-testid') continue;
      // A masked element shows nothing that labels it: no title, alt, placeholder or aria text.
      if (masked && (LABEL_ATTRS.has(name) || (name.startsWith('aria-') && name !== 'aria-hidden'))) continue;
      const safeName = xmlName(name);
      if (!safeName) continue;
      attrs += ` ${safeName}="${escapeXmlAttr(this.attrValue(name, attr.value, tagOf(el) === 'img' ? imageLabel(el, name) : undefined))}"`;
    }
    attrs += masked ? this.maskedState(el) : this.stateAttrs(el);
    const frameId = this.ctx.frameIdOf(el);
    if (frameId !== undefined) attrs += ` frame-id="${frameId}"`;
    // A picture that paints nothing, or is out of the line, is no break to a reader: the worker's inline-run pass
    // reads across it (see core/scrub/inline-runs), where a secret's halves around a spacer had been two texts.
    if (!masked) {
      const silent = noBreak(el);
      if (silent) attrs += silent === 'nothing' ? PAINTS_NOTHING : OUT_OF_LINE;
      // A block a stylesheet lays out in the line is no break either (a display:contents wrapper, an inline-flex chip).
      else if (LAID_OUT_TAGS.has(tag)) attrs += this.layoutMark(el);
    }
    if (isInteractive(el)) {
      attrs += `${BOX_MARK}${id}${BOX_MARK}`;
      this.ctx.near.watch(el);
    }
    this.ctx.regions.markMedia(el);
    if (!masked) this.ctx.regions.notePainted(el);

    let children = '';
    let ax = '';
    if (tagOf(el) === 'svg') {
      const titleEl = querySelectorOf(el, 'title');
      const title = titleEl && textContentOf(titleEl).trim();
      if (title && !attrs.includes(' title=')) attrs += ` title="${escapeXmlAttr(this.text(null, title))}"`;
    } else {
      const shadow = shadowRootOf(el) ?? this.closedRoot(el);
      if (shadow) {
        this.ctx.observeRoot(shadow);
        const [xml, inShadow] = this.children(shadow, masked);
        children += `<shadow-root>${xml}</shadow-root>`;
        ax += inShadow;
      }
      if (tagOf(el) === 'iframe' || tagOf(el) === 'frame') {
        const [xml, inFrame] = this.frameContent(el as HTMLIFrameElement);
        children += xml;
        ax += inFrame;
      // A sensitive textarea's body is its (initial) value: never written out.
      } else if (tagOf(el) === 'textarea' && this.ctx.config.sensitive(this.fieldOf(el))) children += '';
      else {
        const [xml, inside] = this.children(el, masked);
        children += xml;
        // A textarea's text is its value, which its own line carries.
        if (tagOf(el) !== 'textarea') ax += inside;
      }
    }
    if (!masked) this.ctx.caches.ax.set(el, this.axPart(el, id, ax, frameId));
    return children ? `<${tag}${attrs}>${children}</${tag}>` : `<${tag}${attrs}/>`;
  }

  /**
   * INLINE_LEVEL for a block `el` laid out in the line, else nothing. Its computed display is read only where it
   * can change a run (see mayJoin): most of a page's blocks are wrappers whose one child's edges are theirs. Cached
   * with the element's XML, as noBreak's answer is (a neighbour coming or going rebuilds it: see DomSnapshotter).
   */
  private layoutMark(el: Element): string {
    const inline = this.ctx.caches.inline;
    const was = inline.has(el);
    let now = false;
    if (mayJoin(el, inline)) {
      now = laidOutInLine(el);
      this.noteAsked(el);
    } else this.ctx.caches.asked.delete(el);
    if (now === was) return now ? INLINE_LEVEL : '';
    if (now) inline.add(el);
    else inline.delete(el);
    // An only child's answer depends on this one (see mayJoin): the children are built again.
    for (let c = firstChildOf(el); c; c = nextSiblingOf(c)) if (isElement(c)) this.ctx.caches.xml.delete(c);
    return now ? INLINE_LEVEL : '';
  }

  private noteAsked(el: Element): void {
    this.ctx.caches.asked.add(el);
    this.pruneAsked();
  }

  /** Elements a page removed are dropped from `asked` and `hiddenShown` as they grow, not held until relaidOut. */
  private pruneAsked(): void {
    const caches = this.ctx.caches;
    if (caches.asked.size + caches.hiddenShown.size < caches.askedPruneAt) return;
    for (const a of caches.asked) if (!isLive(a)) caches.asked.delete(a);
    for (const h of caches.hiddenShown.keys()) if (!isLive(h)) caches.hiddenShown.delete(h);
    caches.askedPruneAt = Math.max(ASKED_PRUNE_AT, (caches.asked.size + caches.hiddenShown.size) * 2);
  }

  /** hiddenOf, noting the answer for an element of the `hidden` attribute (see BuildCaches.hiddenShown). */
  private hiddenOf(el: Element): 'gone' | 'invisible' | null {
    const hidden = hiddenOf(el);
    if (hasAttrOf(el, 'hidden')) {
      this.ctx.caches.hiddenShown.set(el, hidden !== 'gone');
      this.pruneAsked();
    }
    return hidden;
  }

  /**
   * The built blocks whose display no longer says what their mark says: a class added to an ancestor, a style sheet
   * inserted or a media query that flipped lays a block out otherwise with no mutation on it, and its cached XML
   * kept the old mark (the halves of an email in two chips a class later put in the line were both stored). So
   * for an element of the hidden attribute a sheet shows or hides. One display read per block asked (about 0.4 µs
   * each in Chromium once the style is computed); the caller rebuilds what is returned.
   */
  relaidOut(): Element[] {
    const { asked, inline, xml, hiddenShown } = this.ctx.caches;
    const changed: Element[] = [];
    for (const el of asked) {
      if (!isLive(el)) asked.delete(el);
      else if (xml.has(el) && laidOutInLine(el) !== inline.has(el)) changed.push(el);
    }
    // An element of the hidden attribute a sheet now shows or hides: its parent is rebuilt (it may hold it now).
    for (const [el, shown] of hiddenShown) {
      if (!isLive(el)) hiddenShown.delete(el);
      else if ((hiddenOf(el) !== 'gone') !== shown) changed.push(el);
    }
    return changed;
  }

  /** `el`'s part of axtree: its line (when it carries meaning) over its children's parts, or those alone. */
  private axPart(el: Element, id: number, children: string, frameId: number | undefined): string {
    if (axHidden(el)) return '';
    const started = performance.now();
    const tag = tagOf(el);
    const { marked, fromContent } = axLine({
      el, id, frameId, maxTextLength: this.ctx.config.limits.maxTextLength,
      // What the structure says the element holds, as its text nodes were scrubbed with (a column's header).
      redact: (text, label) => this.ctx.redactor.redact(text, label ?? structureLabel(el)).text,
      contentText: () => axPartsText(children, this.ctx.config.limits.maxTextLength),
      sensitive: () => (tag === 'input' || tag === 'textarea') && this.ctx.config.sensitive(this.fieldOf(el)),
      guard: { maskSelector: this.ctx.config.maskSelector, maskText: this.ctx.config.maskText, sensitiveField: (f) => this.ctx.config.sensitive(this.fieldOf(f)) },
    }, this.ctx.caches.axSources);
    const inner = fromContent ? withoutTextLines(children) : children;
    this.ctx.axMs += performance.now() - started;
    if (!marked) return inner;
    return inner ? `${marked}${AX_OPEN}${inner}${AX_CLOSE}` : marked;
  }

  /** The children's XML and their part of axtree. */
  private children(parent: ParentNode, masked = false): [string, string] {
    if (this.depth >= MAX_TREE_DEPTH) {
      if (!firstChildOf(parent)) return ['', ''];
      const holder = isElement(parent as Node) ? parent as Element : nodeTypeOf(parent as Node) === Node.DOCUMENT_FRAGMENT_NODE ? hostOf(parent as ShadowRoot) : null;
      this.cut(holder);
      return [`<truncated depth="${MAX_TREE_DEPTH}"/>`, ''];
    }
    this.depth++;
    try {
      return this.childrenWithin(parent, masked);
    } finally {
      this.depth--;
    }
  }

  /**
   * What is below `holder` is neither written nor read, so none of it is vouched for: its box is blurred (a mark it
   * has already, a field's, stays).
   */
  private cut(holder: Element | null): void {
    this.cuts++;
    if (holder) this.ctx.regions.markCut(holder);
  }

  private childrenWithin(parent: ParentNode, masked: boolean): [string, string] {
    let out = '';
    let ax = '';
    let maskedTextDone = false;
    // Whether `out` ends in a space, kept aside: asking `out` flattens the string built so far, and a parent of 16k
    // children asked once per child (the whitespace between them) cost a quadratic 1.6 ms per rebuild.
    let spaceLast = false;
    // What the structure says this text is (a column header, a <dt>, itemprop): read once, when a text node needs it.
    let label: string | undefined | null = null;
    for (let c = firstChildOf(parent); c; c = nextSiblingOf(c)) {
      const type = nodeTypeOf(c);
      if (type === Node.ELEMENT_NODE) {
        const el = c as Element;
        if (tagOf(el) === 'object' || tagOf(el) === 'embed') this.ctx.regions.setMedia(el, 'embed');
        if (SKIP_TAGS.has(tagOf(el))) continue;
        const hidden = this.hiddenOf(el);
        if (hidden === 'gone') continue;
        if (hidden === 'invisible') {
          const [xml, inside] = this.invisible(el, masked);
          out += xml;
          ax += inside;
          if (xml) spaceLast = false;
        } else {
          const xml = this.element(el, masked);
          out += xml;
          if (!masked) ax += this.ctx.caches.ax.get(el) ?? '';
          if (xml) spaceLast = false;
        }
      } else if (type === Node.TEXT_NODE) {
        if (masked) {
          if (!maskedTextDone && (c as Text).data.trim()) {
            const mask = escapeXmlText(this.ctx.config.maskText);
            out += mask;
            if (mask) spaceLast = mask.endsWith(' ');
          }
          maskedTextDone = true;
          continue;
        }
        if (label === null) label = nodeTypeOf(parent as Node) === Node.ELEMENT_NODE ? structureLabel(parent as Element) : undefined;
        const t = this.text(c as Text, (c as Text).data, label);
        if (t) {
          const text = escapeXmlText(t);
          out += text;
          ax += axTextLine(t);
          if (text) spaceLast = text.endsWith(' ');
        } else if (out && !spaceLast && betweenElements(c)) {
          // Whitespace between two elements (`<b>Name</b> <a>…</a>`) is kept as one space in dom_tree: without it
          // the worker's inline-run pass reads "Name" as stuck to the value after it and redacts it too.
          out += ' ';
          spaceLast = true;
        }
      }
    }
    return [out, ax];
  }

  /**
   * A visibility:hidden element is left out of the tree, yet a descendant may say visibility:visible and
   * paint: those are serialised; all other text under it is still scrubbed, so a secret's box is blurred
   * whichever way the page's style sheets decide (blurring an invisible area costs nothing).
   */
  private invisible(el: Element, masked: boolean): [string, string] {
    // Inside a mask the mask root's whole box is blurred already.
    if (masked) return ['', ''];
    // A hidden mask root or sensitive box may still show a visible child (a reveal animation): none of it is
    // written, and its box is blurred.
    const maskedBy = this.ctx.config.maskSelector && matchesOf(el, this.ctx.config.maskSelector) ? 'mask'
      : this.isSensitiveEditor(el) ? 'credential' : null;
    if (maskedBy) {
      this.ctx.regions.markField(el, maskedBy);
      return ['', ''];
    }
    if (this.depth >= MAX_TREE_DEPTH) {
      if (firstChildOf(el)) this.cut(el);
      return ['', ''];
    }
    this.depth++;
    try {
      return this.invisibleChildren(el, masked);
    } finally {
      this.depth--;
    }
  }

  /** invisible()'s walk of `el`'s children: the visible ones written, the text of the rest read for its blur. */
  private invisibleChildren(el: Element, masked: boolean): [string, string] {
    let out = '';
    let ax = '';
    for (let c = firstChildOf(el); c; c = nextSiblingOf(c)) {
      const type = nodeTypeOf(c);
      if (type === Node.TEXT_NODE) this.text(c as Text, (c as Text).data);
      if (type !== Node.ELEMENT_NODE || SKIP_TAGS.has(tagOf(c as Element))) continue;
      const child = c as Element;
      const hidden = this.hiddenOf(child);
      if (hidden === 'gone') continue;
      const visible = hidden === null && SAYS_VISIBLE.test(attrOf(child, 'style') ?? '');
      if (visible) {
        out += this.element(child, masked);
        ax += this.ctx.caches.ax.get(child) ?? '';
      } else {
        const [xml, inside] = this.invisible(child, masked);
        out += xml;
        ax += inside;
      }
    }
    return [out, ax];
  }

  /** A closed shadow root this content script may open is read like an open one; one it cannot read is OCR'd. */
  private closedRoot(el: Element): ShadowRoot | null {
    const tag = tagOf(el);
    if (!openClosedShadowRoot || !(SHADOW_HOSTS.has(tag) || tag.includes('-'))) return null;
    try {
      const root = openClosedShadowRoot(el as HTMLElement);
      if (root) {
        firstChildOf(root); // reading it is what may be refused
        this.ctx.closedRoots.set(el, root);
      }
      return root;
    } catch {
      this.ctx.regions.setMedia(el, 'closed-shadow');
      return null;
    }
  }

  /** A masked form field shows only the mask text as its value. */
  private maskedState(el: Element): string {
    const tag = tagOf(el);
    if ((tag === 'input' || tag === 'textarea' || tag === 'select') && (el as HTMLInputElement).value) {
      return ` value="${escapeXmlAttr(this.ctx.config.maskText)}"`;
    }
    return '';
  }

  /** A same-origin frame's tree and its part of axtree (a cross-origin frame reports its own: see core/ax-tree-parts). */
  private frameContent(frame: HTMLIFrameElement): [string, string] {
    const doc = frameDocumentOf(frame);
    const root = doc && documentElementOf(doc);
    if (!doc || !root) {
      // A cross-origin frame: its text is not in this tree, so its pixels are read by OCR.
      if (!doc) this.ctx.regions.setMedia(frame, 'frame');
      return ['', ''];
    }
    this.ctx.regions.dropMedia(frame);
    this.ctx.observeRoot(doc);
    this.ctx.onFrameDocument(doc);
    const xml = this.element(root);
    return [xml, this.ctx.caches.ax.get(root) ?? ''];
  }

  /** Redact, then collapse and clip. `node` is null for text that is not a DOM text node. */
  private text(node: Text | null, raw: string, label?: string): string {
    if (!raw.trim()) return '';
    const { text, spans } = this.ctx.redactor.redact(raw, label);
    if (node) this.ctx.regions.noteText(node, spans);
    const collapsed = text.replace(/\s+/g, ' ');
    return collapsed.length > this.ctx.config.limits.maxTextLength ? `${collapsed.slice(0, this.ctx.config.limits.maxTextLength - 1)}…` : collapsed;
  }

  private attrValue(name: string, value: string, label?: string): string {
    if (URL_ATTRS.has(name) && value.startsWith('data:')) return `${value.slice(0, value.indexOf(',') + 1)}…`;
    const redacted = URL_ATTRS.has(name) ? this.ctx.redactor.redactUrl(value).text : this.ctx.redactor.redact(value, label).text;
    return redacted.length > this.ctx.config.limits.maxAttrLength ? `${redacted.slice(0, this.ctx.config.limits.maxAttrLength - 1)}…` : redacted;
  }

  /** `el`'s field attributes, its labels read from the snapshot's one read per root (not html's live `labels`). */
  private fieldOf(el: Element): FieldAttributes {
    const last = this.lastField;
    if (last?.el === el && last.serial === this.buildSerial) return last.field;
    const field = this.readField(el);
    this.lastField = { el, serial: this.buildSerial, field };
    return field;
  }

  private readField(el: Element): FieldAttributes {
    const sources = this.ctx.caches.axSources;
    return fieldAttributes(el, {
      labelsOf: (e) => sources.labelsFor(e),
      read: (source) => sources.depend(source, el),
      shadowOf: (host) => shadowRootOf(host) ?? this.closedRoot(host),
    });
  }

  /** Live form state as attributes; sensitive fields only ever get a placeholder. */
  private stateAttrs(el: Element): string {
    const tag = tagOf(el);
    const state = fieldStateOf(el);
    if (state !== null) this.ctx.caches.fieldStates.set(el, state);
    if (tag === 'input' || tag === 'textarea') {
      const input = el as HTMLInputElement;
      if (input.type === 'checkbox' || input.type === 'radio') return input.checked ? ' checked="true"' : '';
      if (input.type === 'file') {
        const names = Array.from(input.files ?? [], (f) => f.name).join(', ');
        return names ? ` value="${escapeXmlAttr(this.ctx.redactor.redact(names).text)}"` : '';
      }
      const sensitive = this.ctx.config.sensitive(this.fieldOf(el));
      const value = textValueOf(el);
      // An empty field paints its placeholder instead. An empty sensitive field is blurred all the same: the
      // pixels are taken after the snapshot (a capture waits its turn, two a second), and by then a card's
      // security code may be half typed into it, or autofill may paint a preview it never sets as the value.
      if (!value) {
        const shown = this.ctx.regions.ruleOf(attrOf(el, 'placeholder'));
        if (sensitive && !shown) this.ctx.regions.markField(el, 'credential', false);
        else this.ctx.regions.markField(el, shown);
        return '';
      }
      if (sensitive) {
        this.ctx.regions.markField(el, 'credential');
        return ` value="${escapeXmlAttr(SENSITIVE_PLACEHOLDER)}"`;
      }
      // A field's label names its value: "Full name" over "Ana Lima", "Benutzername" over "ana_l".
      const { text, spans } = this.ctx.redactor.redact(value, this.fieldOf(el).label || undefined);
      this.ctx.regions.markField(el, spans.length ? spans[0]!.rule : null);
      return ` value="${escapeXmlAttr(text.slice(0, this.ctx.config.limits.maxTextLength))}"`;
    }
    if (tag === 'select') {
      const select = el as HTMLSelectElement;
      const option = select.selectedOptions[0];
      return option ? ` value="${escapeXmlAttr(this.ctx.redactor.redact(option.value).text.slice(0, this.ctx.config.limits.maxAttrLength))}"` : '';
    }
    if (tag === 'option') return (el as HTMLOptionElement).selected ? ' selected="true"' : '';
    return '';
  }
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** The run ends that are an SVG's or a MathML formula's own elements too. */
const FOREIGN_OWN: Readonly<Record<string, ReadonlySet<string>>> = {
  'http://www.w3.org/2000/svg': new Set(['svg', 'title', 'script', 'style']),
  'http://www.w3.org/1998/Math/MathML': new Set(['math']),
};
/** The tree's own marks (a shadow root, the target's context, a cut), never a page element's name. */
const TREE_MARKS: ReadonlySet<string> = new Set(['shadow-root', 'target-context', 'truncated']);

/**
 * The name `el` is written under: a name that ends the worker's inline run (a block, a line break, a picture: see
 * core/scrub/inline-runs) only for the element it names, anything else as `element`. The snapshot writes names
 * lower-cased, so a page's createElementNS(HTML, 'IMG') (an unknown element: inline, painting nothing when empty),
 * or a 'br' or 'div' of another namespace, was written `<img/>`, `<br/>`, `<div/>` and ended the run between an
 * address's halves, the first half stored; a page's <truncated> or <target-context> was read as the tree's own mark.
 */
function writtenTag(el: Element): string {
  const local = tagOf(el);
  const name = xmlName(local) ?? 'element';
  if (!endsRun(name)) return name;
  if (TREE_MARKS.has(name)) return 'element';
  const ns = namespaceOf(el);
  const named = ns === HTML_NS ? local === name : (ns !== null && FOREIGN_OWN[ns]?.has(local)) === true;
  return named ? name : 'element';
}

/** Inline style that paints nothing: no opacity, no width or no height. */
const STYLE_PAINTS_NOTHING = /(?:^|;)\s*(?:opacity\s*:\s*0(?:\.0*)?|(?:width|height)\s*:\s*0(?:px|em|rem|%)?)\s*(?:!important\s*)?(?:;|$)/i;
/**
 * A size attribute in pixels, or NaN when it says none. An HTML picture's (img, video, an image input) is read as
 * HTML reads a dimension: its leading number, whatever follows (`0x` and `1em` are 0 and 1 pixels), a percentage of
 * nothing (`0%`) none, any other percentage unknown; a <canvas>'s is a whole number (`0.9` is 0). An <svg>'s is a
 * CSS length: only a unitless or px one is pixels (an icon's `width="1em"` is a letter's size).
 */
function pixels(v: string | null, tag: string): number {
  if (v === null) return NaN;
  if (tag === 'svg') return /^\s*\d+(?:\.\d+)?\s*(?:px)?\s*$/i.test(v) ? parseFloat(v) : NaN;
  const m = /^\s*(\d+(?:\.\d+)?)(%?)/.exec(v);
  if (!m) return NaN;
  const n = tag === 'canvas' ? Math.floor(parseFloat(m[1]!)) : parseFloat(m[1]!);
  return m[2] && n !== 0 ? NaN : n;
}

/** An <img>, or an image input. */
const isImage = (el: Element, tag: string): boolean => tag === 'img' || (tag === 'input' && attrOf(el, 'type')?.trim().toLowerCase() === 'image');
/** The replaced elements that paint a picture, judged by their box and size too; the other tags marked only when hidden. */
const PICTURES = new Set(['img', 'video', 'audio', 'canvas', 'svg', 'iframe', 'frame']);
/** The form controls among the marked tags: judged by their place in the line and their box, not their attributes. */
const CONTROLS = new Set(['input', 'button', 'select', 'textarea', 'meter', 'progress']);
/** Whether `el`'s page is laid out: its root element has a box (a DOM that lays nothing out gives every box none). */
function laidOut(el: Element): boolean {
  const root = documentElementOf(ownerDocumentOf(el));
  const r = root && boundsOf(root);
  return !!r && (r.width > 0 || r.height > 0);
}
const tinyBox = (r: DOMRect): boolean => r.width <= 0 || r.height <= 0 || (r.width <= 1 && r.height <= 1);

/**
 * Whether a replaced element (a picture, a canvas, a video, an svg, an image input) is no break a reader would see
 * between the words on either side: 'nothing' when it paints nothing (a zero-size or 1x1 spacer or tracking pixel,
 * one its style hides: display:none, visibility, opacity), 'out-of-line' when it is taken out of the line (absolutely
 * or fixed positioned, floated: the words meet in the line, the picture is elsewhere), null when it is a break.
 * Said by computed style; then by its laid-out box (a stylesheet may size a `width="1"` placeholder to the page's
 * width; a finished <img>'s box is its picture, its alt text, an icon or nothing; one still loading with no size
 * has none); else, where nothing is laid out, by its size attributes or inline style. The answer is cached with
 * the element's XML, so a picture a class on an ancestor shows or hides later keeps it until the element changes.
 */
function noBreak(el: Element): 'nothing' | 'out-of-line' | null {
  const tag = tagOf(el);
  if (!PAINTS_NOTHING_TAGS.has(tag)) return null;
  const picture = PICTURES.has(tag) || isImage(el, tag);
  // Style and layout are read through the page's own objects (a DOM may compute style by calling them): a read
  // that throws says nothing, and the attributes decide, rather than the step being lost.
  try {
    // A line break, a rule or a form control a stylesheet hides paints no break (an empty <math> none at all).
    if (!paintedOf(el)) return 'nothing';
    // A line break or a rule breaks the line wherever it is laid out; a form control out of the line (a honeypot
    // field put off-screen, a floated button) or of no size is no break, as a picture is not (it ended the run).
    if (!picture && !CONTROLS.has(tag)) return tag === 'math' && !firstChildOf(el) ? 'nothing' : null;
    const style = windowOfNode(el)?.getComputedStyle(el);
    if (style && (style.position === 'absolute' || style.position === 'fixed' || (style.getPropertyValue('float') || 'none') !== 'none')) return 'out-of-line';
    // An image still loading is judged by its box too: one of no size paints nothing now, and a page can keep it
    // loading for ever (a server that never answers) to split a secret around it; its load or error re-reads it.
    const r = boundsOf(el);
    // A box of no size at the viewport's very corner is what a DOM that lays nothing out gives: it says nothing,
    // unless the page is laid out (its root has a box): a transform can move a zero-size picture to (0, 0).
    if (r.x !== 0 || r.y !== 0 || r.width !== 0 || r.height !== 0 || laidOut(el)) return tinyBox(r) ? 'nothing' : null;
  } catch {
    // the attributes below
  }
  if (!picture) return null;
  const width = pixels(attrOf(el, 'width'), tag);
  const height = pixels(attrOf(el, 'height'), tag);
  if (width === 0 || height === 0 || (width <= 1 && height <= 1)) return 'nothing';
  return STYLE_PAINTS_NOTHING.test(attrOf(el, 'style') ?? '') ? 'nothing' : null;
}

/**
 * A computed display that puts the element's text in the line around it: inline-level (inline, inline-block,
 * inline-flex, inline-grid, inline-table, and the two-keyword `inline flow-root`…), ruby, or contents (no box of
 * its own: its children are laid out where it stands). A float or an absolute position blockifies it: `block`.
 * Chromium and Firefox both write `inline flow-root` as inline-block and `list-item inline` as `inline list-item`,
 * and keep the vendor name of `-webkit-inline-box` (a line-clamped chip), which is inline-level too.
 */
const IN_THE_LINE = /^(?:inline|-webkit-inline-box$|contents$|ruby)/;
/** How many asked blocks and hidden elements pruneAsked lets gather before it drops the removed ones. */
const ASKED_PRUNE_AT = 4096;

/** Whether `el`'s computed display puts it in the line (IN_THE_LINE). */
function laidOutInLine(el: Element): boolean {
  // Read through the page's objects, as noBreak does: a read that throws says nothing, and the tag decides.
  try {
    const display = windowOfNode(el)?.getComputedStyle(el).display;
    return !!display && IN_THE_LINE.test(display);
  } catch {
    return false;
  }
}
/** How many blank text nodes and comments mayJoin steps over to find a neighbour before it looks anyway. */
const NEIGHBOUR_STEPS = 8;

/**
 * Whether a block's layout can change a run: it has a neighbour (an element, or text that is not blank), or its
 * parent is in the line itself (an inline tag, a block marked INLINE_LEVEL, a shadow root's host: anything). An
 * only child of a block parent starts and ends where its parent does, so its display cannot join anything.
 */
function mayJoin(el: Element, inline: WeakSet<Element>): boolean {
  const parent = parentOf(el) as Node | null;
  if (!parent || !isElement(parent)) return true;
  if (!endsRun(writtenTag(parent)) || inline.has(parent)) return true;
  return hasNeighbour(el, previousSiblingOf) || hasNeighbour(el, nextSiblingOf);
}

function hasNeighbour(el: Element, step: (n: Node) => ChildNode | null): boolean {
  let n = step(el);
  for (let i = 0; n && i < NEIGHBOUR_STEPS; i++, n = step(n)) {
    const type = nodeTypeOf(n);
    if (type === Node.ELEMENT_NODE) return true;
    if (type === Node.TEXT_NODE && (n as Text).data.trim()) return true;
  }
  return n !== null;
}

/** A text node with an element on either side: the space it holds separates them. */
function betweenElements(node: Node): boolean {
  const before = previousSiblingOf(node);
  const after = nextSiblingOf(node);
  return !!before && !!after && nodeTypeOf(before) === Node.ELEMENT_NODE && nodeTypeOf(after) === Node.ELEMENT_NODE;
}
