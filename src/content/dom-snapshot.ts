// The pre-action DOM snapshot as XML, every element carrying id="N".
//
// Speed: the snapshot sits on the click's critical path. Each element's
// serialised subtree is cached; a MutationObserver (and input/change/load
// events for state that mutations do not report) invalidates a node and its
// ancestors. At pointerdown we flush pending mutation records, rebuild only
// the invalidated paths, and fill in bounding boxes of interactive elements,
// which are the one layout-dependent part. An unchanged page costs a string
// concatenation of cached parts.
import type { Box } from '../core/schema';
import type { MediaKind, MediaRegion } from '../core/step-draft';
import type { Redactor, RedactionSpan } from '../core/redactor';
import { isSensitiveField, SENSITIVE_PLACEHOLDER, type SensitiveFieldTest } from '../core/sensitive-field';
import { fieldAttributes } from './dom-utils';
import { imageLabel, structureLabel } from './structure-label';
import {
  activeElementIn, attributesOf, attrOf, boundsOf, elementByIdIn, rootNodeOf, fieldStateOf, firstChildOf, firstElementChildOf, hasAttrOf, hostOf, isElement, isLive, isShadowRoot, matchesOf, MAX_WALK,
  metricsOf, nextSiblingOf, nodeTypeOf, ownerDocumentOf, paintedOf, parentElementOf, parentOf, shadowRootOf, tagOf,
} from './dom-safe';
import { PseudoContentRules, pseudoText } from './pseudo-content';
import { escapeXmlAttr, escapeXmlText, xmlName } from '../core/xml-escape';
import { assembleDomTree, BOX_MARK, type DomTreeParts } from '../core/dom-tree-parts';
import { AX_CLOSE, AX_OPEN, assembleAxTree, axPartsText, type AxTreeParts } from '../core/ax-tree-parts';
import { axHidden, axLine, AxNameSources, axTextLine, maskedAxLine, withoutTextLines } from './ax-lines';
import type { ElementIds } from './element-ids';
import { elementBox, frameOffset } from './geometry';
import { NearViewport } from './near-viewport';
import { ChangeLog } from './change-log';
import { copiesOf, copyOffsets, type Offset } from './painted-copies';
import { addLine, clippedBox, DEFAULT_TEXT_BOX_LIMITS, intersect, intersects, probePoints, rectOf, type Rect, type TextBoxes,
  type TextBoxLimits } from './text-boxes';
import { closedShadowRootOpener } from '../platform/host/closed-shadow-roots';

export interface SnapshotLimits {
  /** Upper bound on dom_tree length in characters; larger trees are cut with a <truncated/> marker. */
  maxChars: number;
  maxTextLength: number;
  maxAttrLength: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { maxChars: 1_000_000, maxTextLength: 300, maxAttrLength: 200 };

export interface Snapshot {
  /** The tree's parts, fixed when the snapshot is taken; joined by the worker, off the page's thread. */
  parts: DomTreeParts;
  /** The tree, assembled from `parts` on first read (in the page: tests, the top frame's reply to the worker). */
  readonly xml: string;
  /** observation.axtree's parts, fixed when the snapshot is taken (built in the same walk as the tree's). */
  axParts: AxTreeParts;
  /** The accessibility tree as text, assembled from `axParts` on first read (see core/ax-tree-parts). */
  readonly axtree: string;
  /** Main-thread time of this snapshot spent on accessibility lines (roles, names, states), ms. */
  axMs: number;
  /** The id standing for the target in `xml` (its own, or its nearest serialised ancestor's); null without a target. */
  targetId: number | null;
  redactedRegions: Box[];
  /** Areas drawn from pixels the DOM cannot vouch for (images, canvas, video, foreign frames), in the viewport. */
  mediaRegions: MediaRegion[];
  redactions: Record<string, number>;
}

/** A media element, or an empty element that may paint a CSS background image (checked when near the viewport). */
type MediaMark = MediaKind | 'maybe-background';
/** Empty elements of these tags often carry a CSS background image (avatars, banners, captcha tiles). */
const BACKGROUND_TAGS = new Set(['div', 'span', 'a', 'i', 'figure', 'section', 'header', 'li', 'button', 'td', 'picture']);
/** Smaller than this, an area holds no text worth reading (icons, spacers). */
const MEDIA_MIN = { width: 24, height: 10 };
/** Content scripts can open a closed shadow root (each browser its own way: see platform/host). */
const openClosedShadowRoot = closedShadowRootOpener();
/** Elements that may host a shadow root (besides custom elements, whose names have a '-'): the DOM standard's list. */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'main', 'nav', 'p', 'section', 'span']);

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'base', 'object', 'embed', 'param',
  'source', 'track', 'canvas-fallback',
]);
const KEEP_ATTRS = new Set([
  'name', 'type', 'role', 'href', 'alt', 'title', 'placeholder', 'for', 'action', 'method', 'disabled', 'readonly',
  'required', 'contenteditable', 'tabindex', 'src', 'target', 'label', 'colspan', 'rowspan', 'open', 'multiple',
  'min', 'max', 'step', 'pattern', 'maxlength', 'autocomplete', 'datetime', 'lang', 'dir',
]);
const URL_ATTRS = new Set(['href', 'src', 'action']);
const LABEL_ATTRS = new Set(['title', 'alt', 'placeholder', 'label', 'data-testid', 'value']);
const INTERACTIVE_TAGS = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary', 'label', 'option', 'iframe']);
const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
  'switch', 'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem', 'gridcell',
]);

function isInteractive(el: Element): boolean {
  if (INTERACTIVE_TAGS.has(tagOf(el))) return true;
  const role = attrOf(el, 'role');
  if (role && INTERACTIVE_ROLES.has(role)) return true;
  return hasAttrOf(el, 'tabindex') || hasAttrOf(el, 'onclick') || attrOf(el, 'contenteditable') === 'true';
}

/**
 * Hidden without asking for computed style (which would force style recalc on the hot path): 'gone' paints
 * nothing; 'invisible' (visibility:hidden) paints descendants that set visibility:visible. aria-hidden is no
 * visual hiding: its text is painted, so it stays in the tree and is scrubbed like any other.
 */
function hiddenCheaply(el: Element): 'gone' | 'invisible' | null {
  if (hasAttrOf(el, 'hidden')) return 'gone';
  if (tagOf(el) === 'input' && (el as HTMLInputElement).type === 'hidden') return 'gone';
  const style = attrOf(el, 'style');
  if (!style) return null;
  if (/display\s*:\s*none/i.test(style)) return 'gone';
  return /visibility\s*:\s*(hidden|collapse)/i.test(style) ? 'invisible' : null;
}

const SAYS_VISIBLE = /visibility\s*:\s*visible/i;

/** The option labels a <select> paints: the shown one, or every option of a list box. */
function paintedOptionText(select: Element): string {
  const options = Array.from(select.querySelectorAll('option'));
  const label = (o: Element): string => attrOf(o, 'label') || (o.textContent ?? '');
  if (hasAttrOf(select, 'multiple') || Number(attrOf(select, 'size')) > 1) return options.map(label).join('\n');
  // The selected attribute stands in when the index says none: only an over-blur if nothing is shown.
  const shown = options[(select as HTMLSelectElement).selectedIndex] ?? options.find((o) => hasAttrOf(o, 'selected'));
  return shown ? label(shown) : '';
}

function mediaMark(el: Element): MediaMark | null {
  switch (tagOf(el)) {
    case 'canvas': return 'canvas';
    case 'img': return 'img';
    case 'video': return 'video';
    case 'svg':
      // Chart labels (<text>), embedded images and HTML in <foreignObject> are not in the snapshot.
      return el.querySelector('image, text, foreignObject') ? 'svg-image' : null;
    case 'input': return (el as HTMLInputElement).type === 'image' ? 'img' : null;
    default: break;
  }
  const style = attrOf(el, 'style');
  if (style && style.includes('url(')) return 'background';
  if (BACKGROUND_TAGS.has(tagOf(el)) && !firstElementChildOf(el) && !el.textContent?.trim()) return 'maybe-background';
  return null;
}

function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing to undo in a document that no longer exists
  }
}

/** The parent, through shadow roots and out of frames; read through the prototypes (a form's control named parentNode would loop). */
/** A colour's alpha from its computed form (rgb(), rgba(), transparent); 1 when it cannot be read. */
function alphaOf(color: string): number {
  if (color === 'transparent') return 0;
  const m = /^rgba\([^)]*,\s*([\d.]+)\s*\)$/.exec(color);
  return m ? Number(m[1]) : 1;
}

/**
 * Whether an element's text is painted where it is laid out, and only there: transparent text paints
 * nothing (its box would vouch for whatever another element paints under it), and a text shadow paints a
 * copy elsewhere (a secret's shadow can land on an innocent line). Such text's boxes are left out, so the
 * detector's lines there are read by OCR.
 */
function inkWhereLaidOut(el: Element, win: Window): boolean {
  const style = win.getComputedStyle(el);
  if (style.textShadow && style.textShadow !== 'none') return false;
  const fill = style.getPropertyValue('-webkit-text-fill-color');
  return alphaOf(style.color) > 0 && (!fill || alphaOf(fill) > 0);
}

/** A box over any screen: where a secret with more painted copies than are followed is blurred. */
const EVERYWHERE: Box = { x: 0, y: 0, width: 100_000, height: 100_000 };

/** The offsets `el`'s text is painted again at (see painted-copies); null: too many to follow. */
function copyOffsetsOf(el: Element): Offset[] | null {
  const win = ownerDocumentOf(el).defaultView;
  if (!win) return [];
  const up = (e: Element): Element | null => {
    const p = parentAcrossRoots(e);
    return p && isElement(p) ? p : null;
  };
  return copyOffsets(el, (e) => win.getComputedStyle(e), up);
}

/** The most ancestors a climb from a hit-tested element visits. */
const MAX_CLIMB = 512;

/** Content larger than the box: a scroll container, maybe. */
function overflows(el: Element): boolean {
  const m = metricsOf(el);
  return m.scrollHeight > m.clientHeight + 1 || m.scrollWidth > m.clientWidth + 1;
}

function parentAcrossRoots(n: Node): Node | null {
  const p = parentOf(n) as Node | null;
  if (p) return isShadowRoot(p) ? hostOf(p) : p;
  if (isShadowRoot(n)) return hostOf(n);
  if (nodeTypeOf(n) === Node.DOCUMENT_NODE) {
    try {
      return (n as Document).defaultView?.frameElement ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Painted by the browser from pixels, not text: mediaRegions has them (svg: its <text> is not in the tree). */
const NO_TEXT_TAGS = new Set(['canvas', 'img', 'video', 'audio', 'svg', 'picture', 'map']);
const FIELD_TAGS = new Set(['input', 'textarea', 'select']);
/** Inputs that paint no text of their own (an image input is media). */
const TEXTLESS_INPUTS = new Set(['checkbox', 'radio', 'range', 'color', 'hidden', 'image']);
/** Inputs that paint a label or a format even when empty (Submit, "No file chosen", mm/dd/yyyy). */
const LABELLED_INPUTS = new Set(['submit', 'button', 'reset', 'file', 'date', 'time', 'datetime-local', 'month', 'week']);
/** Hit tests per row of the viewport's shorter side, and the smallest step between two (px). */
const PROBE_ROWS = 6;
const PROBE_MIN_STEP = 64;
/** Siblings in a row below the viewport after which the rest of a list is taken to be below too. */
const BELOW_RUN = 32;
/**
 * Siblings in a row above the viewport (a long list scrolled down) after which the walk strides: it measures
 * one sibling in ABOVE_STRIDE while they stay above, then walks the last stride one by one. Without it, a page
 * scrolled 20,000 px down a 16k-element list took 85 ms a walk, past the walk's time budget.
 */
const ABOVE_RUN = 16;
const ABOVE_STRIDE = 16;

/** An element wholly above or below the viewport's clip (its box's top and bottom in the top-level viewport). */
interface OffScreen { above: boolean; top: number; bottom: number }

/** One window's part of a textBoxes() walk: its offset and viewport clip in the top-level viewport. */
interface Place {
  off: { x: number; y: number };
  clip: Rect;
  win: Window;
  range: Range;
}

interface TextWalk {
  out: Box[];
  limits: TextBoxLimits;
  until: number;
  complete: boolean;
  timedOut?: boolean;
  stopped: boolean;
  visits: number;
  /** Elements the walk reached on screen (their own text measured): a hit test landing under one of them is done. */
  seen: Set<Element>;
  offsets: Map<Window, { x: number; y: number }>;
  places: Map<Window, Place>;
}

/** Does a field paint text: a value, an empty field's placeholder, a button's label, a select's option? */
function paintsFieldText(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'select') return !!(el as HTMLSelectElement).options.length;
  const field = el as HTMLInputElement;
  if (tag === 'input' && TEXTLESS_INPUTS.has(field.type)) return false;
  if (tag === 'input' && LABELLED_INPUTS.has(field.type)) return true;
  return !!field.value || !!attrOf(el, 'placeholder');
}

/** A field's text lies in its padding box (no style read: client* give border and size); an inline box has none, so its border box. */
function fieldBox(el: Element, box: Rect): Rect {
  const m = metricsOf(el);
  if (m.clientWidth <= 0 || m.clientHeight <= 0) return box;
  const left = box.left + m.clientLeft;
  const top = box.top + m.clientTop;
  return { left, top, right: left + m.clientWidth, bottom: top + m.clientHeight };
}

/** The most elements one change rebuilds for being named by it (a grid's header naming its cells): a loop of names ends here. */
const MAX_NAMED = 256;

export class DomSnapshotter {
  private cache = new WeakMap<Element, string>();
  /** Each element's part of axtree, built with its XML: rebuilt exactly when its XML is. */
  private axCache = new WeakMap<Element, string>();
  /** The elements other elements' names are read from (labels, aria-labelledby): a change there rebuilds those. */
  private axSources = new AxNameSources();
  /** Main-thread time spent on accessibility lines since the snapshot began (warm builds are not counted). */
  private axMs = 0;
  private observedRoots = new WeakSet<Node>();
  private readonly observers: MutationObserver[] = [];
  private readonly teardowns: (() => void)[] = [];
  /** Text nodes and fields whose content was redacted, with the spans, for DOM-guided blur. */
  private readonly redactedText = new Map<Text, RedactionSpan[]>();
  private readonly redactedFields = new Map<Element, string>();
  /** A field's state when it was last serialised: a script's `el.value = …` is found by comparing (see refreshFields). */
  private fieldStates = new WeakMap<Element, string>();
  /** Which selectors give an element ::before/::after text; elements they match, with their rule once read (null: none). */
  private readonly pseudoRules = new PseudoContentRules();
  private readonly pseudo = new Map<Element, string | null | undefined>();
  /** Of those read, the elements whose ::before/::after paint text at all (textBoxes counts them as explained text). */
  private readonly pseudoPainted = new WeakSet<Element>();
  /** Closed shadow roots opened while building: textBoxes walks them without asking the browser again. */
  private readonly closedRoots = new WeakMap<Element, ShadowRoot>();
  /** Whether any element was built since the last reset (new ::before/::after rules then apply to built ones). */
  private built = false;
  /** Elements whose pixels the DOM cannot vouch for; kept current as elements are (re)built. */
  private readonly media = new Map<Element, MediaMark>();
  /** Last time a mutation, a state event or a scroll/resize reported a change (ms epoch). */
  private changedAt = Date.now();
  /** A frame captured before this snapshotter existed (before a reload, say) never counts as exact. */
  private readonly createdAt = this.changedAt;
  /** Where the recent changes were, to tell a change a screenshot could show from one below the fold. */
  private readonly changes = new ChangeLog();
  /** Browser frame ids of cross-origin child frames, told by the frames themselves. */
  private readonly frameIds = new WeakMap<Element, number>();
  /** Called after each batch of changes (used to schedule a settled-frame capture). */
  onChange: () => void = () => undefined;
  /** A same-origin frame's document was read into the tree: its window's actions are this recorder's to see. */
  onFrameDocument: (doc: Document) => void = () => undefined;
  /**
   * Interactive elements near the viewport, worked out in idle time (see
   * near-viewport.ts). Only these get a bbox: measuring every element's box at
   * pointerdown cost ~47 ms on a 16k-element page; measuring these, ~1-2 ms.
   */
  private near: NearViewport;
  private warmTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly doc: Document,
    private readonly ids: ElementIds,
    private readonly redactor: Redactor,
    private limits: SnapshotLimits = DEFAULT_LIMITS,
    /** Offset of an element's window in the top-level viewport; a cross-origin frame's recorder knows its own from its parent. */
    private readonly windowOffset: (el: Element) => { x: number; y: number } = (el) => frameOffset(ownerDocumentOf(el).defaultView ?? window) ?? { x: 0, y: 0 },
  ) {
    this.near = new NearViewport(doc.defaultView ?? window);
  }

  private maskSelector: string | null = null;
  private maskText = '<REDACTED>';
  private sensitive: SensitiveFieldTest = isSensitiveField;

  /** Config from the scrubber: elements matching `maskSelectors` keep no text and are blurred; sensitive fields; the size cap. */
  configure(maskSelectors: string[], maskText: string, maxChars: number, sensitive: SensitiveFieldTest = isSensitiveField): void {
    this.sensitive = sensitive;
    const valid = maskSelectors.filter((sel) => {
      try {
        this.doc.createDocumentFragment().querySelector(sel);
        return true;
      } catch {
        console.warn('[alien-dataflow] ignoring invalid mask selector', sel);
        return false;
      }
    });
    this.maskSelector = valid.length ? valid.join(', ') : null;
    this.maskText = maskText;
    this.limits = { ...this.limits, maxChars };
  }

  start(): void {
    this.near.start();
    this.observeRoot(this.doc);
    this.scheduleWarm(0);
  }

  stop(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    this.near.stop();
    // Either may belong to a frame's document that is gone (a dead object in Firefox): skipped, not fatal.
    for (const o of this.observers) quietly(() => o.disconnect());
    for (const t of this.teardowns) quietly(t);
    this.observers.length = 0;
    this.teardowns.length = 0;
  }

  /** Everything cached is forgotten: used when the redaction config changes. */
  resetCache(): void {
    this.stop();
    this.cache = new WeakMap();
    this.axCache = new WeakMap();
    this.axSources = new AxNameSources();
    this.observedRoots = new WeakSet();
    this.redactedText.clear();
    this.redactedFields.clear();
    this.fieldStates = new WeakMap();
    this.pseudo.clear();
    this.built = false;
    this.media.clear();
    this.start();
  }

  /**
   * Take the snapshot now (synchronously): flush pending mutations, rebuild
   * what changed, measure boxes of interactive elements near the viewport.
   * `target` is guaranteed to be present in the XML.
   */
  snapshot(target?: Element | null): Snapshot {
    this.axMs = 0;
    this.flush();
    this.refreshFields();
    this.refreshPseudoRules();
    const root = this.doc.documentElement;
    const withMarks = root ? this.element(root) : '';
    const offsets = new Map<Window, { x: number; y: number }>();
    const boxes: DomTreeParts['boxes'] = [];
    for (const el of this.near.near) {
      if (!isLive(el)) continue;
      const id = this.ids.peek(el);
      if (id === undefined) continue;
      const box = elementBox(el, this.offsetFor(el, offsets));
      if (box.width > 0 || box.height > 0) boxes.push([id, box.x, box.y, box.width, box.height]);
    }
    const targetId = target ? this.emittedIdOf(target) : null;
    const targetTag = target ? xmlName(tagOf(target)) ?? 'element' : 'element';
    const targetBox = target ? elementBox(target, this.offsetFor(target, offsets)) : null;
    const regions = this.redactionRegions(offsets);
    const mediaRegions = this.mediaRegions(offsets);
    const parts: DomTreeParts = {
      marked: withMarks, boxes, maxChars: this.limits.maxChars,
      target: targetId !== null && targetBox ? { id: targetId, tag: targetTag, box: targetBox } : null,
    };
    const axStarted = performance.now();
    const focused = this.focusedElement();
    const axParts: AxTreeParts = {
      marked: root ? this.axCache.get(root) ?? '' : '', focusedId: focused ? this.ids.peek(focused) ?? null : null, maxChars: this.limits.maxChars,
    };
    const axMs = this.axMs + performance.now() - axStarted;
    let built: string | null = null;
    let ax: string | null = null;
    return {
      parts,
      get xml() {
        built ??= assembleDomTree(parts);
        return built;
      },
      axParts,
      get axtree() {
        ax ??= assembleAxTree(axParts);
        return ax;
      },
      axMs,
      targetId,
      ...regions,
      mediaRegions,
    };
  }

  /**
   * Boxes (CSS px, top-level viewport) of the text the snapshot reads and scrubs that is painted inside the
   * viewport: lines of text nodes (merged per element and line), fields showing a value or placeholder, a
   * select's shown label, buttons' labels, elements with ::before/::after text, in open and opened closed
   * shadow roots and in same-origin frames, each clipped to its window's viewport and its scroll containers.
   * Media (canvas, img, video, svg images, cross-origin frames) is left out: mediaRegions covers it.
   *
   * The worker OCRs every text line it detects in the frame that no box explains, so a missed box costs an
   * OCR run and a box where nothing of the DOM is painted could let a line go unread: hidden text (display
   * or visibility, opacity 0) gives none. Returns `complete: false` when the cap on boxes or time cut the
   * walk short. Call it after snapshot() (or once the page settled), so the two describe the same DOM.
   *
   * Cost: only subtrees whose box meets the viewport are walked (one rect read per element met, one
   * getClientRects per text node on screen); a grid of hit tests then finds text that an off-screen
   * ancestor's box hid from that walk (a fixed banner inside a footer).
   */
  textBoxes(limits: Partial<TextBoxLimits> = {}): TextBoxes {
    const root = this.doc.documentElement;
    const w: TextWalk = {
      out: [], limits: { ...DEFAULT_TEXT_BOX_LIMITS, ...limits }, until: performance.now() + (limits.maxMs ?? DEFAULT_TEXT_BOX_LIMITS.maxMs),
      complete: true, stopped: false, visits: 0, seen: new Set(), offsets: new Map(), places: new Map(),
    };
    const place = root && this.placeOf(root, w);
    if (!root || !place) return { boxes: [], complete: true };
    this.textElement(root, place, false, w);
    if (!w.stopped) this.probeHidden(place, w);
    return { boxes: w.out, complete: w.complete, ...(w.timedOut ? { timedOut: true } : {}) };
  }

  /** id of `el` as written into the tree: the element itself, or its nearest serialised ancestor. */
  emittedIdOf(el: Element): number {
    let n: Node | null = el;
    // Bounded, as every climb here (see MAX_CLIMB).
    for (let depth = 0; n && depth < MAX_CLIMB; depth++) {
      if (isElement(n) && this.cache.has(n)) return this.ids.idOf(n);
      n = parentAcrossRoots(n);
    }
    return this.ids.idOf(el);
  }

  setFrameId(frame: Element, frameId: number): void {
    if (this.frameIds.get(frame) === frameId) return;
    this.frameIds.set(frame, frameId);
    this.invalidate(frame);
  }

  /** Process pending mutation records now, so the snapshot reflects the DOM at this instant. */
  flush(): void {
    for (const o of [...this.observers]) {
      let records: MutationRecord[];
      try {
        records = o.takeRecords();
      } catch {
        // A frame's observer dies with the document it came from (its first about:blank, once the frame loads
        // another origin): Firefox then throws "can't access dead object", which failed every later step.
        this.observers.splice(this.observers.indexOf(o), 1);
        continue;
      }
      if (records.length) this.onMutations(records);
    }
  }

  private offsetFor(el: Element, offsets: Map<Window, { x: number; y: number }>): { x: number; y: number } {
    const win = ownerDocumentOf(el).defaultView;
    if (!win) return { x: 0, y: 0 };
    let off = offsets.get(win);
    if (!off) {
      off = this.windowOffset(el);
      offsets.set(win, off);
    }
    return off;
  }

  private observeRoot(root: Document | ShadowRoot): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    const doc = nodeTypeOf(root) === Node.DOCUMENT_NODE ? (root as Document) : ownerDocumentOf(root);
    // A frame's own MutationObserver constructor: observers are per realm.
    const MO = (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
    const observer = new MO((records) => this.onMutations(records));
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    this.observers.push(observer);
    // Form state (value, checked, selected) and frame navigation change the
    // serialised output without a DOM mutation.
    const onState = (event: Event): void => {
      const origin = event.composedPath()[0];
      // Not `instanceof Object`: in Firefox a page's node seen from the content script belongs to another
      // compartment, and fails it (typed text then never reached the cached snapshot).
      if (typeof origin === 'object' && origin !== null && 'nodeType' in origin) {
        this.invalidate(origin as Node);
        this.onChange();
      }
    };
    for (const type of ['input', 'change', 'load', 'toggle', 'reset']) {
      root.addEventListener(type, onState, { capture: true, passive: true });
      this.teardowns.push(() => root.removeEventListener(type, onState, { capture: true }));
    }
  }

  private onMutations(records: MutationRecord[]): void {
    const seen = new Set<Node>();
    for (const r of records) {
      if (!seen.has(r.target)) {
        seen.add(r.target);
        this.invalidate(r.target);
      }
      // A <label> that came, went or now names another id: the elements it names are rebuilt.
      if (r.type === 'childList') {
        for (const list of [r.addedNodes, r.removedNodes]) for (let i = 0; i < list.length && i < MAX_NAMED; i++) this.relabel(list[i]!, r.target);
      } else if (r.type === 'attributes' && r.attributeName === 'for') this.relabel(r.target, r.target);
    }
    // An aria-labelledby that named an id not there yet: the change may have added it.
    this.axSources.changed();
    this.axSources.prune();
    for (const el of [...this.axSources.unresolved]) this.invalidate(el);
    this.onChange();
    this.near.invalidate();
    this.scheduleWarm(60);
  }

  /** `node` (added or removed under `at`) names other elements: they are rebuilt. */
  private relabel(node: Node, at: Node): void {
    if (!isElement(node)) return;
    for (const named of this.axSources.dependentsOf(node) ?? []) this.invalidate(named);
    const id = tagOf(node) === 'label' ? attrOf(node, 'for') : null;
    const target = id ? elementByIdIn(rootNodeOf(at), id) : null;
    if (target) this.invalidate(target);
  }

  /** Rebuild invalidated parts soon after the page changes, so the next pointerdown finds them cached. */
  private scheduleWarm(delay: number): void {
    if (this.warmTimer) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      const root = this.doc.documentElement;
      if (!root || this.observers.length === 0) return;
      this.refreshPseudoRules();
      this.element(root);
    }, delay);
  }

  get lastChangeAt(): number {
    return this.changedAt;
  }

  /**
   * The last change a screenshot could show: changes wholly below or right of the viewport (of this document;
   * a change in a frame counts as seen) do not make a frame captured before them stale. Above the viewport
   * does not count as unseen: content that grows there may push the visible page down.
   */
  lastVisibleChangeAt(): number {
    const win = this.doc.defaultView;
    if (!win) return this.changedAt;
    const unseen = (node: Node): boolean => {
      const el: Node | null = nodeTypeOf(node) === Node.ELEMENT_NODE ? node : parentOf(node);
      if (!el || nodeTypeOf(el) !== Node.ELEMENT_NODE || !isLive(el) || ownerDocumentOf(el) !== this.doc) return false;
      const r = boundsOf(el as Element);
      return r.width + r.height > 0 && (r.top >= win.innerHeight || r.left >= win.innerWidth);
    };
    return Math.max(this.createdAt, this.changes.lastVisibleAt(unseen));
  }

  /** A scroll or resize changes what a captured frame shows without changing the DOM: frames before it are stale. */
  noteViewChange(): void {
    this.changedAt = Date.now();
    this.changes.note(null, this.changedAt);
  }

  private invalidate(node: Node): void {
    this.changedAt = Date.now();
    this.changes.note(node, this.changedAt);
    // Up to the top, across shadow roots and frames. Each parent is read through the prototype: a form's
    // control named parentNode made this climb go form -> control -> form forever (issue 24). Bounded anyway.
    // Elements whose accessible name a changed element gives (a <label>'s text, an aria-labelledby target)
    // are rebuilt too, and so on, up to MAX_NAMED of them.
    const named: Element[] = [];
    const seen = new Set<Element>();
    let from: Node | null = node;
    for (let rounds = 0; from && rounds <= MAX_NAMED; rounds++) {
      for (let n: Node | null = from, depth = 0; n && depth < MAX_WALK; n = parentAcrossRoots(n), depth++) {
        if (!isElement(n)) continue;
        this.cache.delete(n);
        const dependents = this.axSources.dependentsOf(n);
        if (dependents) for (const d of dependents) if (!seen.has(d) && seen.size < MAX_NAMED) { seen.add(d); named.push(d); }
      }
      from = named.pop() ?? null;
    }
  }

  private element(el: Element, masked = false): string {
    if (!masked && this.maskSelector && matchesOf(el, this.maskSelector)) {
      // The mask root's whole box is blurred; its subtree is built fresh (a cached child may predate the mask).
      this.redactedFields.set(el, 'mask');
      const xml = this.build(el, true);
      // In axtree: its role and the mask text, nothing under it.
      this.axCache.set(el, axHidden(el) ? '' : maskedAxLine(el, this.ids.idOf(el), this.maskText));
      return xml;
    }
    if (masked) return this.build(el, true);
    const cached = this.cache.get(el);
    if (cached !== undefined) return cached;
    const out = this.build(el, false);
    this.cache.set(el, out);
    return out;
  }

  private build(el: Element, masked: boolean): string {
    this.built = true;
    const tag = xmlName(tagOf(el)) ?? 'element';
    const id = this.ids.idOf(el);
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
    const frameId = this.frameIds.get(el);
    if (frameId !== undefined) attrs += ` frame-id="${frameId}"`;
    if (isInteractive(el)) {
      attrs += `${BOX_MARK}${id}${BOX_MARK}`;
      this.near.watch(el);
    }
    this.markMedia(el);
    if (!masked) this.notePainted(el);

    let children = '';
    let ax = '';
    if (tagOf(el) === 'svg') {
      const title = el.querySelector('title')?.textContent?.trim();
      if (title && !attrs.includes(' title=')) attrs += ` title="${escapeXmlAttr(this.text(null, title))}"`;
    } else {
      const shadow = shadowRootOf(el) ?? this.closedRoot(el);
      if (shadow) {
        this.observeRoot(shadow);
        const [xml, inShadow] = this.children(shadow, masked);
        children += `<shadow-root>${xml}</shadow-root>`;
        ax += inShadow;
      }
      if (tagOf(el) === 'iframe' || tagOf(el) === 'frame') {
        const [xml, inFrame] = this.frameContent(el as HTMLIFrameElement);
        children += xml;
        ax += inFrame;
      // A sensitive textarea's body is its (initial) value: never written out.
      } else if (tagOf(el) === 'textarea' && this.sensitive(fieldAttributes(el))) children += '';
      else {
        const [xml, inside] = this.children(el, masked);
        children += xml;
        // A textarea's text is its value, which its own line carries.
        if (tagOf(el) !== 'textarea') ax += inside;
      }
    }
    if (!masked) this.axCache.set(el, this.axPart(el, id, ax, frameId));
    return children ? `<${tag}${attrs}>${children}</${tag}>` : `<${tag}${attrs}/>`;
  }

  /** `el`'s part of axtree: its line (when it carries meaning) over its children's parts, or those alone. */
  private axPart(el: Element, id: number, children: string, frameId: number | undefined): string {
    if (axHidden(el)) return '';
    const started = performance.now();
    const tag = tagOf(el);
    const { marked, fromContent } = axLine({
      el, id, frameId, maxTextLength: this.limits.maxTextLength,
      // What the structure says the element holds, as its text nodes were scrubbed with (a column's header).
      redact: (text, label) => this.redactor.redact(text, label ?? structureLabel(el)).text,
      contentText: () => axPartsText(children, this.limits.maxTextLength),
      sensitive: () => (tag === 'input' || tag === 'textarea') && this.sensitive(fieldAttributes(el)),
      guard: { maskSelector: this.maskSelector, maskText: this.maskText, sensitiveField: (f) => this.sensitive(fieldAttributes(f)) },
    }, this.axSources);
    const inner = fromContent ? withoutTextLines(children) : children;
    this.axMs += performance.now() - started;
    if (!marked) return inner;
    return inner ? `${marked}${AX_OPEN}${inner}${AX_CLOSE}` : marked;
  }

  /** The innermost focused element, through open and opened shadow roots and same-origin frames. */
  private focusedElement(): Element | null {
    let scope: Document | ShadowRoot = this.doc;
    let el: Element | null = null;
    for (let depth = 0; depth < 32; depth++) {
      const next = activeElementIn(scope);
      if (!next || next === el) break;
      el = next;
      const shadow = shadowRootOf(el) ?? this.closedRoots.get(el);
      if (shadow) {
        scope = shadow;
        continue;
      }
      if (tagOf(el) !== 'iframe' && tagOf(el) !== 'frame') break;
      let doc: Document | null;
      try {
        doc = (el as HTMLIFrameElement).contentDocument;
      } catch {
        doc = null;
      }
      if (!doc) break;
      scope = doc;
    }
    return el;
  }

  /** The children's XML and their part of axtree. */
  private children(parent: ParentNode, masked = false): [string, string] {
    let out = '';
    let ax = '';
    let maskedTextDone = false;
    // What the structure says this text is (a column header, a <dt>, itemprop): read once, when a text node needs it.
    let label: string | undefined | null = null;
    for (let c = firstChildOf(parent); c; c = nextSiblingOf(c)) {
      const type = nodeTypeOf(c);
      if (type === Node.ELEMENT_NODE) {
        const el = c as Element;
        if (tagOf(el) === 'object' || tagOf(el) === 'embed') this.media.set(el, 'embed');
        if (SKIP_TAGS.has(tagOf(el))) continue;
        const hidden = hiddenCheaply(el);
        if (hidden === 'gone') continue;
        if (hidden === 'invisible') {
          const [xml, inside] = this.invisible(el, masked);
          out += xml;
          ax += inside;
        } else {
          out += this.element(el, masked);
          if (!masked) ax += this.axCache.get(el) ?? '';
        }
      } else if (type === Node.TEXT_NODE) {
        if (masked) {
          if (!maskedTextDone && (c as Text).data.trim()) out += escapeXmlText(this.maskText);
          maskedTextDone = true;
          continue;
        }
        if (label === null) label = nodeTypeOf(parent as Node) === Node.ELEMENT_NODE ? structureLabel(parent as Element) : undefined;
        const t = this.text(c as Text, (c as Text).data, label);
        if (t) {
          out += escapeXmlText(t);
          ax += axTextLine(t);
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
    let out = '';
    let ax = '';
    for (let c = firstChildOf(el); c; c = nextSiblingOf(c)) {
      const type = nodeTypeOf(c);
      if (type === Node.TEXT_NODE) this.text(c as Text, (c as Text).data);
      if (type !== Node.ELEMENT_NODE || SKIP_TAGS.has(tagOf(c as Element))) continue;
      const child = c as Element;
      const hidden = hiddenCheaply(child);
      if (hidden === 'gone') continue;
      const visible = hidden === null && SAYS_VISIBLE.test(attrOf(child, 'style') ?? '');
      if (visible) {
        out += this.element(child, masked);
        ax += this.axCache.get(child) ?? '';
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
        this.closedRoots.set(el, root);
      }
      return root;
    } catch {
      this.media.set(el, 'closed-shadow');
      return null;
    }
  }

  /** The first rule the redactor applies to `text`, or null. */
  private ruleOf(text: string | null, label?: string): string | null {
    return text?.trim() ? this.redactor.redact(text, label).spans[0]?.rule ?? null : null;
  }

  private markField(el: Element, rule: string | null): void {
    if (rule) this.redactedFields.set(el, rule);
    else this.redactedFields.delete(el);
  }

  /**
   * Text the page paints from attributes, which the tree keeps scrubbed but the screenshot shows as is: a broken
   * image's alt, a <select>'s option labels; and whether CSS may add ::before/::after text (read in regions).
   */
  private notePainted(el: Element): void {
    const tag = tagOf(el);
    if (tag === 'img' || tag === 'area') this.markField(el, this.ruleOf(attrOf(el, 'alt'), imageLabel(el, 'alt')));
    else if (tag === 'select') this.markField(el, this.ruleOf(paintedOptionText(el)));
    if (!this.pseudoRules.empty && this.pseudoRules.matches(el)) {
      this.pseudo.set(el, undefined);
      this.near.watch(el);
    } else this.pseudo.delete(el);
  }

  /** New ::before/::after rules (a style sheet loaded or grew): elements built before them are looked at again. */
  private refreshPseudoRules(): void {
    const added = this.pseudoRules.refresh(this.doc);
    if (!added) return;
    for (const el of this.pseudo.keys()) this.pseudo.set(el, undefined);
    // Before the first build there is nothing to look at again: each element is checked as it is built.
    if (!added.length || !this.built) return;
    for (const el of Array.from(this.doc.querySelectorAll(added.join(', ')))) {
      if (!this.cache.has(el)) continue; // not built yet: checked when it is
      this.pseudo.set(el, undefined);
      this.near.watch(el);
    }
  }

  /** A script's `el.value = …` fires no event and no mutation: fields near the viewport are re-read at each snapshot. */
  private refreshFields(): void {
    for (const el of this.near.near) {
      const state = this.fieldStates.get(el);
      if (state !== undefined && fieldStateOf(el) !== state) this.invalidate(el);
    }
  }

  /** A masked form field shows only the mask text as its value. */
  private maskedState(el: Element): string {
    const tag = tagOf(el);
    if ((tag === 'input' || tag === 'textarea' || tag === 'select') && (el as HTMLInputElement).value) {
      return ` value="${escapeXmlAttr(this.maskText)}"`;
    }
    return '';
  }

  /** A same-origin frame's tree and its part of axtree (a cross-origin frame reports its own: see core/ax-tree-parts). */
  private frameContent(frame: HTMLIFrameElement): [string, string] {
    let doc: Document | null;
    try {
      doc = frame.contentDocument;
    } catch {
      doc = null;
    }
    if (!doc || !doc.documentElement) {
      // A cross-origin frame: its text is not in this tree, so its pixels are read by OCR.
      if (!doc) this.media.set(frame, 'frame');
      return ['', ''];
    }
    this.media.delete(frame);
    this.observeRoot(doc);
    this.onFrameDocument(doc);
    const root = doc.documentElement;
    const xml = this.element(root);
    return [xml, this.axCache.get(root) ?? ''];
  }

  /** Redact, then collapse and clip. `node` is null for text that is not a DOM text node. */
  private text(node: Text | null, raw: string, label?: string): string {
    if (!raw.trim()) return '';
    const { text, spans } = this.redactor.redact(raw, label);
    if (node) {
      if (spans.length) this.redactedText.set(node, spans);
      else this.redactedText.delete(node);
    }
    const collapsed = text.replace(/\s+/g, ' ');
    return collapsed.length > this.limits.maxTextLength ? `${collapsed.slice(0, this.limits.maxTextLength - 1)}…` : collapsed;
  }

  private attrValue(name: string, value: string, label?: string): string {
    if (URL_ATTRS.has(name) && value.startsWith('data:')) return `${value.slice(0, value.indexOf(',') + 1)}…`;
    const redacted = URL_ATTRS.has(name) ? this.redactor.redactUrl(value).text : this.redactor.redact(value, label).text;
    return redacted.length > this.limits.maxAttrLength ? `${redacted.slice(0, this.limits.maxAttrLength - 1)}…` : redacted;
  }

  /** Live form state as attributes; sensitive fields only ever get a placeholder. */
  private stateAttrs(el: Element): string {
    const tag = tagOf(el);
    const state = fieldStateOf(el);
    if (state !== null) this.fieldStates.set(el, state);
    if (tag === 'input' || tag === 'textarea') {
      const input = el as HTMLInputElement;
      if (input.type === 'checkbox' || input.type === 'radio') return input.checked ? ' checked="true"' : '';
      if (input.type === 'file') {
        const names = Array.from(input.files ?? [], (f) => f.name).join(', ');
        return names ? ` value="${escapeXmlAttr(this.redactor.redact(names).text)}"` : '';
      }
      // An empty field paints its placeholder instead.
      if (!input.value) {
        this.markField(el, this.ruleOf(attrOf(el, 'placeholder')));
        return '';
      }
      if (this.sensitive(fieldAttributes(el))) {
        this.redactedFields.set(el, 'credential');
        return ` value="${escapeXmlAttr(SENSITIVE_PLACEHOLDER)}"`;
      }
      // A field's label names its value: "Full name" over "Ana Lima", "Benutzername" over "ana_l".
      const { text, spans } = this.redactor.redact(input.value, fieldAttributes(el).label || undefined);
      if (spans.length) this.redactedFields.set(el, spans[0]!.rule);
      else this.redactedFields.delete(el);
      return ` value="${escapeXmlAttr(text.slice(0, this.limits.maxTextLength))}"`;
    }
    if (tag === 'select') {
      const select = el as HTMLSelectElement;
      const option = select.selectedOptions[0];
      return option ? ` value="${escapeXmlAttr(this.redactor.redact(option.value).text.slice(0, this.limits.maxAttrLength))}"` : '';
    }
    if (tag === 'option') return (el as HTMLOptionElement).selected ? ' selected="true"' : '';
    return '';
  }

  private redactionRegions(offsets: Map<Window, { x: number; y: number }>): { redactedRegions: Box[]; redactions: Record<string, number> } {
    const regions: Box[] = [];
    const counts: Record<string, number> = {};
    for (const [node, spans] of this.redactedText) {
      if (!isLive(node)) {
        this.redactedText.delete(node);
        continue;
      }
      const host = parentElementOf(node) ?? this.doc.documentElement;
      const off = this.offsetFor(host, offsets);
      // Its shadows paint the secret again elsewhere (text-shadow, an ancestor's drop-shadow): blurred there too.
      const copies = copyOffsetsOf(host);
      for (const span of spans) {
        counts[span.rule] = (counts[span.rule] ?? 0) + 1;
        const range = ownerDocumentOf(node).createRange();
        range.setStart(node, Math.min(span.start, node.length));
        range.setEnd(node, Math.min(span.end, node.length));
        for (const r of Array.from(range.getClientRects())) {
          if (!(r.width > 0 && r.height > 0)) continue;
          const box = { x: r.left + off.x, y: r.top + off.y, width: r.width, height: r.height };
          regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
        }
      }
    }
    for (const [el, rule] of this.redactedFields) {
      if (!isLive(el)) {
        this.redactedFields.delete(el);
        continue;
      }
      counts[rule] = (counts[rule] ?? 0) + 1;
      const box = elementBox(el, this.offsetFor(el, offsets));
      if (box.width > 0 && box.height > 0) {
        const copies = copyOffsetsOf(el);
        regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
      }
    }
    this.pseudoRegions(offsets, regions, counts);
    return { redactedRegions: regions, redactions: counts };
  }

  /** ::before/::after text of elements near the viewport: computed style is read once per element until it is rebuilt. */
  private pseudoRegions(offsets: Map<Window, { x: number; y: number }>, regions: Box[], counts: Record<string, number>): void {
    for (const [el, known] of this.pseudo) {
      if (!isLive(el)) {
        this.pseudo.delete(el);
        continue;
      }
      if (!this.near.near.has(el)) continue;
      const rule = known === undefined ? this.readPseudo(el) : known;
      if (!rule) continue;
      counts[rule] = (counts[rule] ?? 0) + 1;
      const box = elementBox(el, this.offsetFor(el, offsets));
      if (box.width > 0 && box.height > 0) {
        const copies = copyOffsetsOf(el);
        regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
      }
    }
  }

  /** Read an element's ::before/::after text once (until it is rebuilt): its rule, and whether it paints text. */
  private readPseudo(el: Element): string | null {
    const text = pseudoText(el);
    if (text) this.pseudoPainted.add(el);
    else this.pseudoPainted.delete(el);
    const rule = this.ruleOf(text);
    this.pseudo.set(el, rule);
    return rule;
  }

  /** Where `el`'s window sits: its offset, its viewport in the top-level one (cut by its frames'), a Range to measure with. */
  private placeOf(el: Element, w: TextWalk): Place | null {
    const win = ownerDocumentOf(el).defaultView;
    if (!win) return null;
    const known = w.places.get(win);
    if (known) return known;
    const off = this.offsetFor(el, w.offsets);
    let clip: Rect = { left: off.x, top: off.y, right: off.x + win.innerWidth, bottom: off.y + win.innerHeight };
    if (ownerDocumentOf(el) !== this.doc) {
      let frame: Element | null;
      try {
        frame = win.frameElement;
      } catch {
        frame = null;
      }
      const outer = frame && this.placeOf(frame, w);
      if (outer) clip = intersect(clip, outer.clip);
    }
    const place = { off, clip, win, range: ownerDocumentOf(el).createRange() };
    w.places.set(win, place);
    return place;
  }

  /**
   * Text boxes of `el` and its subtree, walked the way build() reads it; subtrees whose box misses `place.clip`
   * are skipped. Returns the top of a box skipped for lying below the clip (null otherwise), for textChildren.
   */
  private textElement(el: Element, place: Place, invisible: boolean, w: TextWalk): OffScreen | null {
    if ((++w.visits & 63) === 0 && performance.now() > w.until) {
      this.stopTextWalk(w);
      w.timedOut = true;
    }
    if (w.stopped) return null;
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || NO_TEXT_TAGS.has(tag)) return null;
    const hidden = hiddenCheaply(el);
    if (hidden === 'gone') return null;
    if (hidden === 'invisible') invisible = true;
    else if (invisible && hidden === null && SAYS_VISIBLE.test(attrOf(el, 'style') ?? '')) invisible = false;
    const r = boundsOf(el);
    const box = rectOf(r, place.off);
    const area = r.width > 0 && r.height > 0;
    // A box off screen holds its in-flow text off screen too. An element without a box (display: contents,
    // a wrapper of floats or positioned children) says nothing about its children: they are measured.
    if (area && !intersects(box, place.clip)) {
      if (box.top >= place.clip.bottom) return { above: false, top: box.top, bottom: box.bottom };
      return box.bottom <= place.clip.top ? { above: true, top: box.top, bottom: box.bottom } : null;
    }
    if (!area && r.width === 0 && r.height === 0 && place.win.getComputedStyle(el).display === 'none') return null;
    w.seen.add(el);
    if (tag === 'iframe' || tag === 'frame') {
      this.frameText(el as HTMLIFrameElement, w);
      return null;
    }
    if (tag === 'input' || tag === 'textarea' || tag === 'select') {
      if (!invisible && area && paintsFieldText(el) && this.visibleText(el)) this.push(fieldBox(el, box), place.clip, w);
      return null;
    }
    if (!invisible && area && this.pseudo.has(el)) {
      if (this.pseudo.get(el) === undefined) this.readPseudo(el);
      if (this.pseudoPainted.has(el) && this.visibleText(el)) this.push(box, place.clip, w);
    }
    const shadow = shadowRootOf(el) ?? this.closedRoots.get(el);
    let parent = false;
    for (let c = firstChildOf(el); c && !parent; c = nextSiblingOf(c)) parent = nodeTypeOf(c) === Node.ELEMENT_NODE;
    // A scroll container (or overflow: hidden) paints its children only inside its padding box. An element
    // with text only is clipped to its own box without asking (most are; ellipsis text is): text overflowing
    // a box visibly is then partly left to OCR, which is the cheaper mistake.
    let inner = place;
    if (area && !parent && !shadow) inner = { ...place, clip: intersect(place.clip, box) };
    else if (area && overflows(el) && tag !== 'html' && tag !== 'body') {
      const style = place.win.getComputedStyle(el);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const m = metricsOf(el);
        const left = box.left + m.clientLeft;
        const top = box.top + m.clientTop;
        inner = { ...place, clip: intersect(place.clip, { left, top, right: left + m.clientWidth, bottom: top + m.clientHeight }) };
        if (inner.clip.right <= inner.clip.left || inner.clip.bottom <= inner.clip.top) return null;
      }
    }
    if (shadow) this.textChildren(shadow, el, inner, invisible, w);
    this.textChildren(el, el, inner, invisible, w);
    return null;
  }

  /** Children of `parent` (an element or a shadow root of `host`): elements walked, own text nodes measured and merged per line. */
  private textChildren(parent: ParentNode, host: Element, place: Place, invisible: boolean, w: TextWalk): void {
    let lines: Rect[] | null = null;
    // Siblings below the viewport one after another, each lower than the last: the rest of a long list, in
    // flow. After BELOW_RUN of them the rest is left unmeasured (a positioned one among them is for the hit tests).
    let below = 0;
    let above = 0;
    let lastTop = -Infinity;
    for (let c = firstChildOf(parent); c && !w.stopped; c = nextSiblingOf(c)) {
      const type = nodeTypeOf(c);
      if (type === Node.ELEMENT_NODE) {
        const off = this.textElement(c as Element, place, invisible, w);
        const inFlow = !!off && off.top >= lastTop;
        below = off && !off.above && inFlow ? below + 1 : 0;
        above = off?.above && inFlow ? above + 1 : 0;
        lastTop = off ? off.top : -Infinity;
        if (below >= BELOW_RUN) break;
        if (above >= ABOVE_RUN) {
          c = this.strideAbove(c as Element, place);
          above = 0;
        }
      } else if (type === Node.TEXT_NODE && !invisible && (c as Text).data.trim()) {
        place.range.selectNodeContents(c);
        const rects = place.range.getClientRects();
        for (let i = 0; i < rects.length; i++) {
          const r = rects[i]!;
          if (r.width <= 0 || r.height <= 0) continue;
          const line = rectOf(r, place.off);
          if (intersects(line, place.clip)) addLine((lines ??= []), line);
        }
      }
    }
    if (lines && this.visibleText(host) && inkWhereLaidOut(host, place.win)) for (const l of lines) this.push(l, place.clip, w);
  }

  /**
   * From `from`, wholly above the viewport in a run of in-flow siblings: the last element sibling, one in every
   * ABOVE_STRIDE, still wholly above it (the siblings after it are walked one by one). One without a box, or
   * higher than the one before (not in flow), stops the stride. A positioned one skipped is for the hit tests.
   */
  private strideAbove(from: Element, place: Place): Element {
    let last = from;
    let lastTop = -Infinity;
    for (;;) {
      let probe: ChildNode | null = last;
      for (let k = 0; probe && k < ABOVE_STRIDE;) {
        probe = nextSiblingOf(probe);
        if (probe && nodeTypeOf(probe) === Node.ELEMENT_NODE) k++;
      }
      if (!probe) return last;
      const r = boundsOf(probe as Element);
      const top = r.top + place.off.y;
      if (!(r.width > 0 && r.height > 0 && r.bottom + place.off.y <= place.clip.top && top >= lastTop)) return last;
      last = probe as Element;
      lastTop = top;
    }
  }

  /** A same-origin frame's document, in its own window's viewport; a cross-origin one is media (its pixels are OCR'd). */
  private frameText(frame: HTMLIFrameElement, w: TextWalk): void {
    let doc: Document | null;
    try {
      doc = frame.contentDocument;
    } catch {
      doc = null;
    }
    const root = doc?.documentElement;
    const place = root && this.placeOf(root, w);
    if (root && place) this.textElement(root, place, false, w);
  }

  /**
   * Text painted inside the viewport whose ancestor's box is outside it (a position: fixed or absolute child
   * of an off-screen element) was skipped by the walk: a grid of hit tests finds the larger such areas, and
   * the highest on-screen element under each hit that the walk did not reach is walked.
   */
  private probeHidden(top: Place, w: TextWalk): void {
    const local = { left: top.clip.left - top.off.x, top: top.clip.top - top.off.y, right: top.clip.right - top.off.x, bottom: top.clip.bottom - top.off.y };
    const step = Math.max(PROBE_MIN_STEP, Math.min(local.right - local.left, local.bottom - local.top) / PROBE_ROWS);
    const tried = new Set<Element>();
    for (const p of probePoints(local, step)) {
      if (w.stopped) return;
      const hit = this.deepHit(p.x, p.y, w);
      if (!hit || w.seen.has(hit) || tried.has(hit)) continue;
      tried.add(hit);
      // Up to the nearest element the walk reached; the chain below it, top down, to the first one on screen.
      const chain: Element[] = [];
      let n: Node | null = hit;
      // Bounded: a page cannot make this climb loop (see parentAcrossRoots), and no real tree is this deep.
      for (let depth = 0; n && depth < MAX_CLIMB && !(nodeTypeOf(n) === Node.ELEMENT_NODE && w.seen.has(n as Element)); n = parentAcrossRoots(n), depth++) {
        if (nodeTypeOf(n) === Node.ELEMENT_NODE) chain.push(n as Element);
      }
      if (chain.length >= MAX_CLIMB) continue;
      if (!n) continue; // not under anything walked (another document, an element the walk left alone)
      const reached = n as Element;
      if (NO_TEXT_TAGS.has(tagOf(reached)) || FIELD_TAGS.has(tagOf(reached))) continue;
      for (let i = chain.length - 1; i >= 0; i--) {
        const el = chain[i]!;
        const place = this.placeOf(el, w);
        if (!place) break;
        const r = boundsOf(el);
        if (r.width > 0 && r.height > 0 && intersects(rectOf(r, place.off), place.clip)) {
          this.textElement(el, place, false, w);
          break;
        }
      }
    }
  }

  /** The innermost element painted at (x, y) of this document's viewport, through open and opened shadow roots and same-origin frames. */
  private deepHit(x: number, y: number, w: TextWalk): Element | null {
    let scope: Document | ShadowRoot = this.doc;
    let hit: Element | null = null;
    for (let depth = 0; depth < 32; depth++) {
      const next: Element | null = scope.elementFromPoint(x, y);
      if (!next || next === hit) return hit;
      hit = next;
      const shadow: ShadowRoot | null | undefined = shadowRootOf(hit) ?? this.closedRoots.get(hit);
      if (shadow) {
        scope = shadow;
        continue;
      }
      if (tagOf(hit) !== 'iframe' && tagOf(hit) !== 'frame') return hit;
      let doc: Document | null;
      try {
        doc = (hit as HTMLIFrameElement).contentDocument;
      } catch {
        doc = null;
      }
      const inner = doc?.documentElement && this.placeOf(doc.documentElement, w);
      const outer = this.placeOf(hit, w);
      if (!doc || !inner || !outer) return hit;
      // The point in the frame's own viewport: its offset in the top-level viewport less the parent's.
      x -= inner.off.x - outer.off.x;
      y -= inner.off.y - outer.off.y;
      scope = doc;
    }
    return hit;
  }

  /** Painted at all: computed visibility and opacity, where the browser can tell (Chrome 105+, Firefox 106+). */
  private visibleText(el: Element): boolean {
    return paintedOf(el);
  }

  private push(r: Rect, clip: Rect, w: TextWalk): void {
    const box = clippedBox(r, clip);
    if (!box) return;
    if (w.out.length >= w.limits.maxBoxes) {
      this.stopTextWalk(w);
      return;
    }
    w.out.push(box);
  }

  private stopTextWalk(w: TextWalk): void {
    w.stopped = true;
    w.complete = false;
  }

  /** Is `el` an area whose pixels the DOM cannot vouch for? Re-decided whenever it is rebuilt. */
  private markMedia(el: Element): void {
    const mark = mediaMark(el);
    if (mark) {
      this.media.set(el, mark);
      if (mark === 'maybe-background') this.near.watch(el);
    } else if (tagOf(el) !== 'iframe' && tagOf(el) !== 'frame') this.media.delete(el);
  }

  /** Boxes of media areas that are on screen, measured now (the frame the step uses shows the page as it is now). */
  private mediaRegions(offsets: Map<Window, { x: number; y: number }>): MediaRegion[] {
    const out: MediaRegion[] = [];
    for (const [el, mark] of this.media) {
      if (!isLive(el)) {
        this.media.delete(el);
        continue;
      }
      // A possible background is only looked at when near the viewport: computed style is not free.
      if (mark === 'maybe-background' && !this.near.near.has(el)) continue;
      const win = ownerDocumentOf(el).defaultView;
      if (!win) continue;
      const r = boundsOf(el);
      if (r.width < MEDIA_MIN.width || r.height < MEDIA_MIN.height) continue;
      if (r.bottom <= 0 || r.right <= 0 || r.top >= win.innerHeight || r.left >= win.innerWidth) continue;
      if (mark === 'maybe-background' && !win.getComputedStyle(el).backgroundImage.includes('url(')) continue;
      const box = elementBox(el, this.offsetFor(el, offsets));
      // A foreign frame says which of the tab's frames it is (once the offset exchange told it): the worker
      // blurs it whole while that frame's own regions are not in the tab's text map yet.
      const frame = mark === 'frame' ? this.frameIds.get(el) : undefined;
      // Its viewport as the offset exchange measures it (border box + border): a frame's own boxes follow it.
      const at = frame !== undefined ? metricsOf(el) : null;
      out.push({
        ...box, kind: mark === 'maybe-background' ? 'background' : mark,
        ...(frame !== undefined && at ? { frame, viewportAt: { x: box.x + at.clientLeft, y: box.y + at.clientTop } } : {}),
      });
    }
    return out;
  }
}
