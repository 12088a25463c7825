// The pre-action DOM snapshot as XML, every element carrying id="N".
//
// Speed: the snapshot sits on the click's critical path. Each element's
// serialised subtree is cached; a MutationObserver (and input/change/load
// events for state that mutations do not report) invalidates a node and its
// ancestors. At pointerdown we flush pending mutation records, rebuild only
// the invalidated paths, and fill in bounding boxes of interactive elements,
// which are the one layout-dependent part. An unchanged page costs a string
// concatenation of cached parts.
//
// The work is split by job: snapshot-xml builds the tree and its axtree parts, snapshot-regions keeps what
// was redacted and which areas are media and measures their boxes, snapshot-text-walk finds the boxes of
// visible text, snapshot-element-kinds classifies elements. This file holds the caches and keeps them
// current (observers, invalidation, warm-up), and answers the public API.
import type { Box } from '../core/schema';
import type { MediaRegion } from '../core/step-draft';
import type { Redactor } from '../core/redactor';
import type { Scrubber } from '../core/scrub/scrubber';
import { isSensitiveField, type SensitiveFieldTest } from '../core/sensitive-field';
import {
  activeElementIn, addListener, attrOf, boundsOf, closestOf, hasAttrOf, defaultViewOf, documentElementOf, elementByIdIn, firstElementChildOf, rootNodeOf, fieldStateOf,
  isElement, isLive, isValidSelector, MAX_WALK, nextSiblingOf, nodeTypeOf, ownerDocumentOf, parentOf, previousSiblingOf, querySelectorOf, removeListener, shadowRootOf, tagOf,
  windowOfNode,
} from './dom-safe';
import { xmlName } from '../core/xml-escape';
import { holdsSecret } from './late-secrets';
import { assembleDomTree, type DomTreeParts } from '../core/dom-tree-parts';
import { assembleAxTree, type AxTreeParts } from '../core/ax-tree-parts';
import type { ElementIds } from './element-ids';
import { elementBox, frameOffset } from './geometry';
import { NearViewport } from './near-viewport';
import { ChangeLog } from './change-log';
import type { TextBoxes, TextBoxLimits } from './text-boxes';
import { MAX_CLIMB, parentAcrossRoots } from './snapshot-element-kinds';
import type { TextMask } from './element-semantics';
import { isSensitiveEditor } from './dom-utils';
import { asScrubber, SnapshotRegions } from './snapshot-regions';
import { walkTextBoxes, type TextWalkContext } from './snapshot-text-walk';
import { type BuildCaches, newBuildCaches, SnapshotXml, type XmlContext } from './snapshot-xml';

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

function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing to undo in a document that no longer exists
  }
}

/** The most elements one change rebuilds for being named by it (a grid's header naming its cells): a loop of names ends here. */
const MAX_NAMED = 256;

/**
 * Whether `node` coming to or leaving `parent` can change which control a <label> names: it is or holds a label; or
 * it is or holds a field inside a label, or one with an id a label's `for` may name; or it is a custom element with
 * an id (a label may name the host of a field in its shadow root). Rows of id-less inputs a virtualised table
 * brings at each scroll change nothing, and do not make every label of the page be read again.
 */
function mayRelink(node: Node, parent: Node): boolean {
  if (!isElement(node)) return false;
  const tag = tagOf(node);
  if (tag === 'label' || querySelectorOf(node, 'label') !== null) return true;
  if (tag.includes('-') && hasAttrOf(node, 'id')) return true;
  const isField = tag === 'input' || tag === 'textarea' || tag === 'select';
  if (!isField && querySelectorOf(node, 'input, textarea, select') === null) return false;
  if (isElement(parent) && closestOf(parent, 'label') !== null) return true;
  return (isField && hasAttrOf(node, 'id')) || querySelectorOf(node, 'input[id], textarea[id], select[id]') !== null;
}

export class DomSnapshotter {
  private observedRoots = new WeakSet<Node>();
  private readonly observers: MutationObserver[] = [];
  private readonly teardowns: (() => void)[] = [];
  /** Closed shadow roots opened while building: textBoxes walks them without asking the browser again. */
  private readonly closedRoots = new WeakMap<Element, ShadowRoot>();
  /** Last time a mutation, a state event or a scroll/resize reported a change (ms epoch). */
  private changedAt = Date.now();
  /** A frame captured before this snapshotter existed (before a reload, say) never counts as exact. */
  private readonly createdAt = this.changedAt;
  /** Where the recent changes were, to tell a change a screenshot could show from one below the fold. */
  private readonly changes = new ChangeLog();
  /** Browser frame ids of cross-origin child frames, told by the frames themselves. */
  private readonly frameIds = new WeakMap<Element, number>();
  /**
   * Whether something that may lay built blocks out otherwise happened since they were last checked (an attribute
   * of an element with children, a style element, the window's size, a style sheet): see relayout.
   */
  private layoutMayChange = false;
  /** The window's size and adopted sheets at the last relayout: a media query may flip with the size. */
  private viewSize = '';
  /** Called after each batch of changes (used to schedule a settled-frame capture). */
  onChange: () => void = () => undefined;
  /** A same-origin frame's document was read into the tree: its window's actions are this recorder's to see. */
  onFrameDocument: (doc: Document) => void = () => undefined;
  /** The scrubber whose run pass blurs a secret split across inline pieces (see SnapshotRegions.runRegions); the recorder's is swapped at begin. */
  runScrubber: () => Scrubber | null;
  /**
   * Interactive elements near the viewport, worked out in idle time (see
   * near-viewport.ts). Only these get a bbox: measuring every element's box at
   * pointerdown cost ~47 ms on a 16k-element page; measuring these, ~1-2 ms.
   */
  private near: NearViewport;
  private warmTimer: ReturnType<typeof setTimeout> | null = null;
  /** The serialiser's state (see snapshot-xml): the caches, the config, the regions it notes into. */
  private readonly state: XmlContext;
  private readonly xml: SnapshotXml;
  private readonly regions: SnapshotRegions;
  private readonly textWalk: TextWalkContext;
  /** The version of the redactor's known secrets (Redactor.secrets) the caches were last checked against. */
  private secretsVersion = 0;

  constructor(
    private readonly doc: Document,
    private readonly ids: ElementIds,
    redactor: Redactor,
    limits: SnapshotLimits = DEFAULT_LIMITS,
    /** Offset of an element's window in the top-level viewport; a cross-origin frame's recorder knows its own from its parent. */
    private readonly windowOffset: (el: Element) => { x: number; y: number } = (el) => frameOffset(windowOfNode(el) ?? window) ?? { x: 0, y: 0 },
  ) {
    this.near = new NearViewport(defaultViewOf(doc) ?? window);
    const offsetFor = (el: Element, offsets: Map<Window, { x: number; y: number }>): { x: number; y: number } => this.offsetFor(el, offsets);
    const frameIdOf = (el: Element): number | undefined => this.frameIds.get(el);
    const scrubber = asScrubber(redactor);
    this.runScrubber = () => scrubber;
    this.regions = new SnapshotRegions({
      doc, redactor, near: this.near, offsetFor, frameIdOf, elementOf: (id) => ids.elementOf(id),
      shadowOf: (el) => shadowRootOf(el) ?? this.closedRoots.get(el) ?? null, runScrubber: () => this.runScrubber(),
    });
    this.state = {
      ids, redactor, near: this.near, regions: this.regions, closedRoots: this.closedRoots,
      config: { maskSelector: null, maskText: '<REDACTED>', sensitive: isSensitiveField, limits },
      caches: newBuildCaches(), axMs: 0, frameIdOf,
      observeRoot: (root) => this.observeRoot(root),
      onFrameDocument: (frameDoc) => this.onFrameDocument(frameDoc),
    };
    this.xml = new SnapshotXml(this.state);
    this.textWalk = {
      doc, offsetFor, closedRootOf: (el) => this.closedRoots.get(el), paintsPseudoText: (el) => this.regions.paintsPseudoText(el),
    };
  }

  private get caches(): BuildCaches {
    return this.state.caches;
  }

  /** What is masked and with what: a step's target name and text read through a mask as the snapshot does. */
  get mask(): TextMask {
    const { config } = this.state;
    return { selector: config.maskSelector, text: config.maskText, secret: (el) => isSensitiveEditor(el, config.sensitive) };
  }

  /** Config from the scrubber: elements matching `maskSelectors` keep no text and are blurred; sensitive fields; the size cap. */
  configure(maskSelectors: string[], maskText: string, maxChars: number, sensitive: SensitiveFieldTest = isSensitiveField): void {
    const config = this.state.config;
    config.sensitive = sensitive;
    const valid = maskSelectors.filter((sel) => {
      if (isValidSelector(this.doc, sel)) return true;
      console.warn('[alien-dataflow] ignoring invalid mask selector', sel);
      return false;
    });
    config.maskSelector = valid.length ? valid.join(', ') : null;
    config.maskText = maskText;
    config.limits = { ...config.limits, maxChars };
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
    this.secretsVersion = this.state.redactor.secrets?.version() ?? 0;
    this.stop();
    this.state.caches = newBuildCaches();
    this.observedRoots = new WeakSet();
    this.regions.clear();
    this.start();
  }

  /**
   * Take the snapshot now (synchronously): flush pending mutations, rebuild
   * what changed, measure boxes of interactive elements near the viewport.
   * `target` is guaranteed to be present in the XML.
   */
  snapshot(target?: Element | null): Snapshot {
    this.state.axMs = 0;
    this.flush();
    this.refreshFields();
    this.refreshPseudoRules();
    this.relayout();
    const root = documentElementOf(this.doc);
    let withMarks = root ? this.xml.element(root) : '';
    if (root && this.keptSecretSince(withMarks, root)) {
      this.resetCache();
      withMarks = this.xml.element(root);
    }
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
    const regions = this.regions.redactionRegions(offsets, withMarks);
    const mediaRegions = this.regions.mediaRegions(offsets);
    const parts: DomTreeParts = {
      marked: withMarks, boxes, maxChars: this.state.config.limits.maxChars,
      target: targetId !== null && targetBox ? { id: targetId, tag: targetTag, box: targetBox } : null,
    };
    const axStarted = performance.now();
    const focused = this.focusedElement();
    const axParts: AxTreeParts = {
      marked: root ? this.caches.ax.get(root) ?? '' : '', focusedId: focused ? this.ids.peek(focused) ?? null : null, maxChars: this.state.config.limits.maxChars,
    };
    const axMs = this.state.axMs + performance.now() - axStarted;
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
   * Whether a secret noted since the last check (a password typed) stands unredacted in the tree just built: its
   * cached parts were scrubbed before it was known (a generator's suggestion, then typed). Only then is every
   * cache dropped: a full build of a 16k-element page is hundreds of milliseconds, and the version changes at
   * each key typed into a password field.
   */
  private keptSecretSince(built: string, root: Element): boolean {
    const secrets = this.state.redactor.secrets;
    const version = secrets?.version() ?? 0;
    if (!secrets || version === this.secretsVersion) return false;
    this.secretsVersion = version;
    return holdsSecret(built, secrets.values()) || holdsSecret(this.caches.ax.get(root) ?? '', secrets.values());
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
    return walkTextBoxes(this.textWalk, limits);
  }

  /** id of `el` as written into the tree: the element itself, or its nearest serialised ancestor. */
  emittedIdOf(el: Element): number {
    let n: Node | null = el;
    // Bounded, as every climb here (see MAX_CLIMB).
    for (let depth = 0; n && depth < MAX_CLIMB; depth++) {
      if (isElement(n) && this.caches.xml.has(n)) return this.ids.idOf(n);
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
    const win = windowOfNode(el);
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
    const MO = (defaultViewOf(doc) as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
    const observer = new MO((records) => this.onMutations(records));
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    this.observers.push(observer);
    // Form state (value, checked, selected), frame navigation and a picture's load change the serialised output
    // without a DOM mutation: a picture is marked as painting nothing by its box once it loaded or failed (see
    // snapshot-xml), and a failed load fires 'error', not 'load' (an image read while loading, then failed at no
    // size between a secret's halves, kept ending their run at every later step).
    const onState = (event: Event): void => {
      const origin = event.composedPath()[0];
      // Not `instanceof Object`: in Firefox a page's node seen from the content script belongs to another
      // compartment, and fails it (typed text then never reached the cached snapshot).
      if (typeof origin === 'object' && origin !== null && 'nodeType' in origin) {
        this.invalidate(origin as Node);
        this.onChange();
      }
    };
    for (const type of ['input', 'change', 'load', 'error', 'toggle', 'reset']) {
      // Through EventTarget's prototype: <img name="addEventListener"> replaces a document's own.
      addListener(root, type, onState, { capture: true, passive: true });
      this.teardowns.push(() => removeListener(root, type, onState, { capture: true }));
    }
  }

  private onMutations(records: MutationRecord[]): void {
    const seen = new Set<Node>();
    /** Roots where a label or a field came, went, or changed its id or `for`: who names whom is read again. */
    const relabelIn = new Set<Node>();
    for (const r of records) {
      if (!seen.has(r.target)) {
        seen.add(r.target);
        this.invalidate(r.target);
      }
      if (!this.layoutMayChange && restyles(r)) this.layoutMayChange = true;
      // A <label> that came, went or now names another id: the elements it names are rebuilt.
      if (r.type === 'characterData') this.rebuildNeighbours(r);
      if (r.type === 'childList') {
        this.rebuildNeighbours(r);
        for (const list of [r.addedNodes, r.removedNodes]) {
          for (let i = 0; i < list.length && i < MAX_NAMED; i++) {
            this.relabel(list[i]!, r.target);
            if (mayRelink(list[i]!, r.target)) relabelIn.add(rootNodeOf(r.target));
          }
        }
      } else if (r.type === 'attributes' && (r.attributeName === 'for' || r.attributeName === 'id' || r.attributeName === 'type')) {
        // A field turned type=hidden is no label's control any more: the next one in its label is.
        if (r.attributeName === 'for') this.relabel(r.target, r.target);
        relabelIn.add(rootNodeOf(r.target));
      }
    }
    // An aria-labelledby that named an id not there yet: the change may have added it.
    this.caches.axSources.changed();
    for (const root of relabelIn) for (const control of this.caches.axSources.relabelled(root)) this.invalidate(control);
    this.caches.axSources.prune();
    for (const el of [...this.caches.axSources.unresolved]) this.invalidate(el);
    this.onChange();
    this.near.invalidate();
    this.scheduleWarm(60);
  }

  /**
   * The elements beside the nodes a record added, or beside a text it changed, are built again (the nearest on
   * each side, over blank text and comments as mayJoin looks): whether a block's layout is read depends on its
   * having a neighbour (snapshot-xml's mayJoin), so a chip built as an only child is looked at again when a second
   * comes beside it. (One left alone by a removal keeps its answer: its display is what it was.)
   */
  private rebuildNeighbours(r: MutationRecord): void {
    // A text node that changed is a neighbour too once it is not blank: `<div class=i>jane.doe</div> ` whose blank
    // text a script fills with "@example.com" (the chip, built as an only child, was never asked).
    const [first, last] = r.type === 'characterData' ? [r.target, r.target] : [r.addedNodes[0], r.addedNodes[r.addedNodes.length - 1]];
    if (!first || !last) return;
    for (const n of [elementBeside(first, previousSiblingOf), elementBeside(last, nextSiblingOf)]) {
      if (n) this.caches.xml.delete(n);
    }
  }

  /** `node` (added or removed under `at`) names other elements: they are rebuilt. */
  private relabel(node: Node, at: Node): void {
    if (!isElement(node)) return;
    for (const named of this.caches.axSources.dependentsOf(node) ?? []) this.invalidate(named);
    const id = tagOf(node) === 'label' ? attrOf(node, 'for') : null;
    const target = id ? elementByIdIn(rootNodeOf(at), id) : null;
    if (target) this.invalidate(target);
  }

  /** Rebuild invalidated parts soon after the page changes, so the next pointerdown finds them cached. */
  private scheduleWarm(delay: number): void {
    if (this.warmTimer) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      const root = documentElementOf(this.doc);
      if (!root || this.observers.length === 0) return;
      this.refreshPseudoRules();
      this.relayout();
      this.xml.element(root);
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
    const win = defaultViewOf(this.doc);
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

  /**
   * Built blocks whose display changed with no mutation on them (see SnapshotXml.relaidOut) are rebuilt, when
   * something that may cause that happened: else nothing is read.
   */
  private relayout(): void {
    const win = defaultViewOf(this.doc);
    // The window's size (media queries) and the document's adopted sheets, which no mutation and no styleSheets
    // size tells of (a component library's constructed sheet replaced with replaceSync).
    const size = `${win ? `${win.innerWidth}x${win.innerHeight}` : ''} ${adoptedSheetsOf(this.doc)}`;
    if (size !== this.viewSize) {
      this.viewSize = size;
      this.layoutMayChange = true;
    }
    if (!this.layoutMayChange) return;
    this.layoutMayChange = false;
    // No change is noted: what made the block's layout change was (a mutation, a resize, a sheet loaded).
    for (const el of this.xml.relaidOut()) this.uncacheUp(el);
  }

  /**
   * `el`'s XML and its ancestors' are built again. The climb stops at the first ancestor already uncached: its own
   * ancestors were uncached with it, and a restyle that flips every block of a deep nest (a class on its root) cost
   * a climb per block to the top (5000 nested inline blocks: about 200 ms a flip in Chromium). `el` itself may be
   * out of the cache already (a [hidden] element left out of its built parent): the climb goes on from it.
   */
  private uncacheUp(el: Element): void {
    this.caches.xml.delete(el);
    for (let n = parentAcrossRoots(el), depth = 0; n && depth < MAX_WALK; n = parentAcrossRoots(n), depth++) {
      if (isElement(n) && !this.caches.xml.delete(n)) return;
    }
  }

  private invalidate(node: Node): void {
    this.changedAt = Date.now();
    this.changes.note(node, this.changedAt);
    this.uncache(node);
  }

  /** `node`'s and its ancestors' XML is built again, and that of the elements whose name it gives. */
  private uncache(node: Node): void {
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
        this.caches.xml.delete(n);
        const dependents = this.caches.axSources.dependentsOf(n);
        if (dependents) for (const d of dependents) if (!seen.has(d) && seen.size < MAX_NAMED) { seen.add(d); named.push(d); }
      }
      from = named.pop() ?? null;
    }
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

  /** A script's `el.value = …` fires no event and no mutation: fields near the viewport are re-read at each snapshot. */
  private refreshFields(): void {
    for (const el of this.near.near) {
      const state = this.caches.fieldStates.get(el);
      if (state !== undefined && fieldStateOf(el) !== state) this.invalidate(el);
    }
  }

  /** New ::before/::after rules (a style sheet loaded or grew): elements built before them are looked at again. */
  private refreshPseudoRules(): void {
    if (this.regions.refreshPseudoRules(this.caches.built, (el) => this.caches.xml.has(el))) this.layoutMayChange = true;
  }
}

/** How many blank texts and comments elementBeside steps over, as snapshot-xml's hasNeighbour does. */
const BESIDE_STEPS = 8;

/** The nearest element beside `n` in the direction `step` goes, within BESIDE_STEPS nodes. */
function elementBeside(n: Node, step: (n: Node) => ChildNode | null): Element | null {
  let c = step(n);
  for (let i = 0; c && i < BESIDE_STEPS; i++, c = step(c)) if (isElement(c)) return c;
  return null;
}

/** How many added or removed nodes of one record restyles looks at for a style element. */
const RESTYLE_NODES = 64;

/**
 * Whether a mutation may change the layout of elements it did not touch: an attribute of an element with
 * children or a shadow root (`.flat > .chip { display: inline }`), a style or link element changed, added or
 * removed. An attribute of a leaf changes its own layout (it is rebuilt) and, through sibling selectors and
 * :has(), others': left out, as every attribute of every leaf would make every step read every block again.
 */
function restyles(r: MutationRecord): boolean {
  const target = r.target;
  const el = nodeTypeOf(target) === Node.ELEMENT_NODE ? (target as Element) : parentOf(target);
  if (el && isElement(el) && isStyleElement(el)) return true;
  // A frame's size is its document's window's: a media query there may flip with it.
  if (r.type === 'attributes') {
    return isElement(target) && (firstElementChildOf(target) !== null || shadowRootOf(target) !== null || tagOf(target) === 'iframe' || tagOf(target) === 'frame');
  }
  if (r.type !== 'childList') return false;
  for (const list of [r.addedNodes, r.removedNodes]) {
    for (let i = 0; i < list.length && i < RESTYLE_NODES; i++) if (isElement(list[i]!) && isStyleElement(list[i] as Element)) return true;
  }
  return false;
}

/** The document's adopted style sheets as their sizes ('' when none or unreadable): a cheap signature. */
function adoptedSheetsOf(doc: Document): string {
  try {
    const sheets = (doc as Document & { adoptedStyleSheets?: readonly CSSStyleSheet[] }).adoptedStyleSheets;
    if (!sheets?.length) return '';
    let out = '';
    for (let i = 0; i < sheets.length && i < RESTYLE_NODES; i++) out += `${sheets[i]!.cssRules.length},`;
    return out;
  } catch {
    return '';
  }
}

function isStyleElement(el: Element): boolean {
  const tag = tagOf(el);
  return tag === 'style' || tag === 'link';
}
