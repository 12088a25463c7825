// The visible-text walk behind DomSnapshotter.textBoxes(): boxes of the text the snapshot reads that is
// painted inside the viewport, found by walking only subtrees whose box meets it, then a grid of hit tests
// for text an off-screen ancestor's box hid from that walk. The snapshotter's state it needs comes through
// TextWalkContext.
import type { Box } from '../core/schema';
import {
  attrOf, boundsOf, createRangeIn, documentElementOf, elementFromPointIn, firstChildOf, metricsOf, nextSiblingOf, nodeTypeOf,
  ownerDocumentOf, paintedOf, shadowRootOf, tagOf, windowOfNode,
} from './dom-safe';
import { frameDocumentOf } from './frame-document';
import { FIELD_TAGS, hiddenCheaply, MAX_CLIMB, MAX_TREE_DEPTH, NO_TEXT_TAGS, paintsFieldText, parentAcrossRoots, SAYS_VISIBLE, SKIP_TAGS } from './snapshot-element-kinds';
import { addLine, clippedBox, DEFAULT_TEXT_BOX_LIMITS, intersect, intersects, probePoints, rectOf, type Rect, type TextBoxes,
  type TextBoxLimits } from './text-boxes';

type Point = { x: number; y: number };

/** What the walk reads from the snapshotter: its document, window offsets, opened closed roots, ::before/::after text. */
export interface TextWalkContext {
  readonly doc: Document;
  /** Offset of `el`'s window in the top-level viewport, remembered per window in `offsets`. */
  offsetFor(el: Element, offsets: Map<Window, Point>): Point;
  /** A closed shadow root the snapshot opened while building (walked without asking the browser again). */
  closedRootOf(el: Element): ShadowRoot | undefined;
  /** Whether `el`'s ::before/::after paint text (computed style read once until it is rebuilt). */
  paintsPseudoText(el: Element): boolean;
}

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

/** Content larger than the box: a scroll container, maybe. */
function overflows(el: Element): boolean {
  const m = metricsOf(el);
  return m.scrollHeight > m.clientHeight + 1 || m.scrollWidth > m.clientWidth + 1;
}

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
  ctx: TextWalkContext;
  out: Box[];
  limits: TextBoxLimits;
  until: number;
  complete: boolean;
  timedOut?: boolean;
  stopped: boolean;
  visits: number;
  /** Levels of textChildren() now open: the walk stops where the serialiser cuts (MAX_TREE_DEPTH), whose box it blurs. */
  depth: number;
  /** Elements the walk reached on screen (their own text measured): a hit test landing under one of them is done. */
  seen: Set<Element>;
  offsets: Map<Window, Point>;
  places: Map<Window, Place>;
}

/** A field's text lies in its padding box (no style read: client* give border and size); an inline box has none, so its border box. */
function fieldBox(el: Element, box: Rect): Rect {
  const m = metricsOf(el);
  if (m.clientWidth <= 0 || m.clientHeight <= 0) return box;
  const left = box.left + m.clientLeft;
  const top = box.top + m.clientTop;
  return { left, top, right: left + m.clientWidth, bottom: top + m.clientHeight };
}

/** See DomSnapshotter.textBoxes(). */
export function walkTextBoxes(ctx: TextWalkContext, limits: Partial<TextBoxLimits> = {}): TextBoxes {
  const root = documentElementOf(ctx.doc);
  const w: TextWalk = {
    ctx, out: [], limits: { ...DEFAULT_TEXT_BOX_LIMITS, ...limits }, until: performance.now() + (limits.maxMs ?? DEFAULT_TEXT_BOX_LIMITS.maxMs),
    complete: true, stopped: false, visits: 0, depth: 0, seen: new Set(), offsets: new Map(), places: new Map(),
  };
  const place = root && placeOf(root, w);
  if (!root || !place) return { boxes: [], complete: true };
  textElement(root, place, false, w);
  if (!w.stopped) probeHidden(place, w);
  return { boxes: w.out, complete: w.complete, ...(w.timedOut ? { timedOut: true } : {}) };
}

/** Where `el`'s window sits: its offset, its viewport in the top-level one (cut by its frames'), a Range to measure with. */
function placeOf(el: Element, w: TextWalk): Place | null {
  const win = windowOfNode(el);
  if (!win) return null;
  const known = w.places.get(win);
  if (known) return known;
  const off = w.ctx.offsetFor(el, w.offsets);
  let clip: Rect = { left: off.x, top: off.y, right: off.x + win.innerWidth, bottom: off.y + win.innerHeight };
  if (ownerDocumentOf(el) !== w.ctx.doc) {
    let frame: Element | null;
    try {
      frame = win.frameElement;
    } catch {
      frame = null;
    }
    const outer = frame && placeOf(frame, w);
    if (outer) clip = intersect(clip, outer.clip);
  }
  const place = { off, clip, win, range: createRangeIn(ownerDocumentOf(el)) };
  w.places.set(win, place);
  return place;
}

/**
 * Text boxes of `el` and its subtree, walked the way build() reads it; subtrees whose box misses `place.clip`
 * are skipped. Returns the top of a box skipped for lying below the clip (null otherwise), for textChildren.
 */
function textElement(el: Element, place: Place, invisible: boolean, w: TextWalk): OffScreen | null {
  if ((++w.visits & 63) === 0 && performance.now() > w.until) {
    stopTextWalk(w);
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
    frameText(el as HTMLIFrameElement, w);
    return null;
  }
  if (tag === 'input' || tag === 'textarea' || tag === 'select') {
    if (!invisible && area && paintsFieldText(el) && visibleText(el)) push(fieldBox(el, box), place.clip, w);
    return null;
  }
  if (!invisible && area && w.ctx.paintsPseudoText(el) && visibleText(el)) push(box, place.clip, w);
  const shadow = shadowRootOf(el) ?? w.ctx.closedRootOf(el);
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
  if (shadow) textChildren(shadow, el, inner, invisible, w);
  textChildren(el, el, inner, invisible, w);
  return null;
}

/** Children of `parent` (an element or a shadow root of `host`): elements walked, own text nodes measured and merged per line. */
function textChildren(parent: ParentNode, host: Element, place: Place, invisible: boolean, w: TextWalk): void {
  if (w.depth >= MAX_TREE_DEPTH) return;
  w.depth++;
  try {
    textChildrenWithin(parent, host, place, invisible, w);
  } finally {
    w.depth--;
  }
}

function textChildrenWithin(parent: ParentNode, host: Element, place: Place, invisible: boolean, w: TextWalk): void {
  let lines: Rect[] | null = null;
  // Siblings below the viewport one after another, each lower than the last: the rest of a long list, in
  // flow. After BELOW_RUN of them the rest is left unmeasured (a positioned one among them is for the hit tests).
  let below = 0;
  let above = 0;
  let lastTop = -Infinity;
  for (let c = firstChildOf(parent); c && !w.stopped; c = nextSiblingOf(c)) {
    const type = nodeTypeOf(c);
    if (type === Node.ELEMENT_NODE) {
      const off = textElement(c as Element, place, invisible, w);
      const inFlow = !!off && off.top >= lastTop;
      below = off && !off.above && inFlow ? below + 1 : 0;
      above = off?.above && inFlow ? above + 1 : 0;
      lastTop = off ? off.top : -Infinity;
      if (below >= BELOW_RUN) break;
      if (above >= ABOVE_RUN) {
        c = strideAbove(c as Element, place);
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
  if (lines && visibleText(host) && inkWhereLaidOut(host, place.win)) for (const l of lines) push(l, place.clip, w);
}

/**
 * From `from`, wholly above the viewport in a run of in-flow siblings: the last element sibling, one in every
 * ABOVE_STRIDE, still wholly above it (the siblings after it are walked one by one). One without a box, or
 * higher than the one before (not in flow), stops the stride. A positioned one skipped is for the hit tests.
 */
function strideAbove(from: Element, place: Place): Element {
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
function frameText(frame: HTMLIFrameElement, w: TextWalk): void {
  const doc = frameDocumentOf(frame);
  const root = doc && documentElementOf(doc);
  const place = root && placeOf(root, w);
  if (root && place) textElement(root, place, false, w);
}

/**
 * Text painted inside the viewport whose ancestor's box is outside it (a position: fixed or absolute child
 * of an off-screen element) was skipped by the walk: a grid of hit tests finds the larger such areas, and
 * the highest on-screen element under each hit that the walk did not reach is walked.
 */
function probeHidden(top: Place, w: TextWalk): void {
  const local = { left: top.clip.left - top.off.x, top: top.clip.top - top.off.y, right: top.clip.right - top.off.x, bottom: top.clip.bottom - top.off.y };
  const step = Math.max(PROBE_MIN_STEP, Math.min(local.right - local.left, local.bottom - local.top) / PROBE_ROWS);
  const tried = new Set<Element>();
  for (const p of probePoints(local, step)) {
    if (w.stopped) return;
    const hit = deepHit(p.x, p.y, w);
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
      const place = placeOf(el, w);
      if (!place) break;
      const r = boundsOf(el);
      if (r.width > 0 && r.height > 0 && intersects(rectOf(r, place.off), place.clip)) {
        textElement(el, place, false, w);
        break;
      }
    }
  }
}

/** The innermost element painted at (x, y) of this document's viewport, through open and opened shadow roots and same-origin frames. */
function deepHit(x: number, y: number, w: TextWalk): Element | null {
  let scope: Document | ShadowRoot = w.ctx.doc;
  let hit: Element | null = null;
  for (let depth = 0; depth < 32; depth++) {
    const next: Element | null = elementFromPointIn(scope, x, y);
    if (!next || next === hit) return hit;
    hit = next;
    const shadow: ShadowRoot | null | undefined = shadowRootOf(hit) ?? w.ctx.closedRootOf(hit);
    if (shadow) {
      scope = shadow;
      continue;
    }
    if (tagOf(hit) !== 'iframe' && tagOf(hit) !== 'frame') return hit;
    const doc = frameDocumentOf(hit);
    const docRoot = doc && documentElementOf(doc);
    const inner = docRoot && placeOf(docRoot, w);
    const outer = placeOf(hit, w);
    if (!doc || !inner || !outer) return hit;
    // The point in the frame's own viewport: its offset in the top-level viewport less the parent's.
    x -= inner.off.x - outer.off.x;
    y -= inner.off.y - outer.off.y;
    scope = doc;
  }
  return hit;
}

/** Painted at all: computed visibility and opacity, where the browser can tell (Chrome 105+, Firefox 106+). */
function visibleText(el: Element): boolean {
  return paintedOf(el);
}

function push(r: Rect, clip: Rect, w: TextWalk): void {
  const box = clippedBox(r, clip);
  if (!box) return;
  if (w.out.length >= w.limits.maxBoxes) {
    stopTextWalk(w);
    return;
  }
  w.out.push(box);
}

function stopTextWalk(w: TextWalk): void {
  w.stopped = true;
  w.complete = false;
}

