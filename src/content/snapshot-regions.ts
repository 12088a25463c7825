// The areas of a snapshot's frame that the worker blurs or reads by OCR, and the bookkeeping behind them:
// text nodes and fields whose content was redacted (redactedRegions), elements whose ::before/::after text
// scrubs to something (also redactedRegions), the pieces of a secret split across inline elements that only the
// tree's run pass finds (also redactedRegions), and areas whose pixels the DOM cannot vouch for (mediaRegions).
// The serialiser notes them as it builds; the boxes are measured at snapshot time.
import type { Box } from '../core/schema';
import type { MediaRegion } from '../core/step-draft';
import type { Redactor, RedactionSpan } from '../core/redactor';
import type { Scrubber } from '../core/scrub/scrubber';
import { runPieceHolders, type RunPieceHolder } from '../core/scrub/inline-runs';
import {
  attrOf, boundsOf, createRangeIn, documentElementOf, firstChildOf, isElement, isLive, metricsOf, nextSiblingOf, nodeTypeOf, ownerDocumentOf,
  parentElementOf, queryAllIn, tagOf, windowOfNode,
} from './dom-safe';
import { elementBox } from './geometry';
import type { NearViewport } from './near-viewport';
import { copiesOf, copyOffsets, type Offset } from './painted-copies';
import { PseudoContentRules, pseudoText } from './pseudo-content';
import { type MediaMark, mediaMark, paintedOptionText, parentAcrossRoots } from './snapshot-element-kinds';
import { imageLabel } from './structure-label';

type Point = { x: number; y: number };

/** Smaller than this, an area holds no text worth reading (icons, spacers). */
const MEDIA_MIN = { width: 24, height: 10 };

/** A box over any screen: where a secret with more painted copies than are followed is blurred. */
const EVERYWHERE: Box = { x: 0, y: 0, width: 100_000, height: 100_000 };

/** The offsets `el`'s text is painted again at (see painted-copies); null: too many to follow. */
function copyOffsetsOf(el: Element): Offset[] | null {
  const win = windowOfNode(el);
  if (!win) return [];
  const up = (e: Element): Element | null => {
    const p = parentAcrossRoots(e);
    return p && isElement(p) ? p : null;
  };
  return copyOffsets(el, (e) => win.getComputedStyle(e), up);
}

/** What the regions read from the snapshotter. */
export interface RegionsContext {
  readonly doc: Document;
  readonly redactor: Redactor;
  /** Elements near the viewport: only these have ::before/::after or possible backgrounds looked at. */
  readonly near: NearViewport;
  /** Offset of `el`'s window in the top-level viewport, remembered per window in `offsets`. */
  offsetFor(el: Element, offsets: Map<Window, Point>): Point;
  /** The browser frame id a cross-origin frame element told (see DomSnapshotter.setFrameId). */
  frameIdOf(el: Element): number | undefined;
  /** The element the tree names `id`, if still held. */
  elementOf(id: number): Element | undefined;
  /** `el`'s shadow root, open or one the snapshot opened. */
  shadowOf(el: Element): ShadowRoot | null;
  /** The scrubber in force, whose run pass the tree is read with; null: none (a redactor of tests), no runs read. */
  runScrubber(): Scrubber | null;
}

/** `r` as a scrubber when it is one: the run pass reads its placeholders (its config) as well as its rules. */
export function asScrubber(r: Redactor): Scrubber | null {
  const s = r as Partial<Scrubber>;
  return typeof s.config?.replacement?.generic === 'string' && typeof s.replacementFor === 'function' ? (r as Scrubber) : null;
}

/** Boxes (top-level viewport) of the text nodes right under `parent`: where its own pieces of the tree are painted. */
function ownTextBoxes(parent: Node, off: Point): Box[] {
  const out: Box[] = [];
  for (let c = firstChildOf(parent); c; c = nextSiblingOf(c)) {
    if (nodeTypeOf(c) !== Node.TEXT_NODE) continue;
    const range = createRangeIn(ownerDocumentOf(c));
    range.selectNodeContents(c);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width > 0 && r.height > 0) out.push({ x: r.left + off.x, y: r.top + off.y, width: r.width, height: r.height });
    }
  }
  return out;
}

/**
 * Whether `el` lies within one viewport of its window's: where a scroll between the snapshot and the pixels
 * (their regions are moved by it, see core/view-shift) can still bring it on screen. One rect read.
 */
function withinAViewport(el: Element): boolean {
  const win = windowOfNode(el);
  if (!win) return false;
  const r = boundsOf(el);
  const w = win.innerWidth;
  const h = win.innerHeight;
  return r.bottom > -h && r.top < 2 * h && r.right > -w && r.left < 2 * w;
}

export class SnapshotRegions {
  /** Text nodes and fields whose content was redacted, with the spans, for DOM-guided blur. */
  private readonly redactedText = new Map<Text, RedactionSpan[]>();
  /** Fields blurred whole, by the rule that blurs them; `counted: false` for one that holds nothing yet (see markField). */
  private readonly redactedFields = new Map<Element, { rule: string; counted: boolean }>();
  /** Which selectors give an element ::before/::after text; elements they match, with their rule once read (null: none). */
  private readonly pseudoRules = new PseudoContentRules();
  private readonly pseudo = new Map<Element, string | null | undefined>();
  /** Of those read, the elements whose ::before/::after paint text at all (textBoxes counts them as explained text). */
  private readonly pseudoPainted = new WeakSet<Element>();
  /** Elements whose pixels the DOM cannot vouch for; kept current as elements are (re)built. */
  private readonly media = new Map<Element, MediaMark>();
  /** The tree last read by the run pass, with the scrubber it was read with and what it found: an unchanged tree is not read again. */
  private runsRead: { tree: string; scrubber: Scrubber; holders: RunPieceHolder[] } | null = null;

  constructor(private readonly ctx: RegionsContext) {}

  /** Everything noted is forgotten (the redaction config changed). */
  clear(): void {
    this.redactedText.clear();
    this.redactedFields.clear();
    this.pseudo.clear();
    this.media.clear();
    this.runsRead = null;
  }

  /** A text node's redacted spans as last built (none: it is no longer blurred). */
  noteText(node: Text, spans: RedactionSpan[]): void {
    if (spans.length) this.redactedText.set(node, spans);
    else this.redactedText.delete(node);
  }

  /** `el` is an area whose pixels are read by OCR, whatever its tag says (an embed, a closed root, a foreign frame). */
  setMedia(el: Element, mark: MediaMark): void {
    this.media.set(el, mark);
  }

  dropMedia(el: Element): void {
    this.media.delete(el);
  }

  /** Does `el`'s ::before/::after paint text? Its computed style is read once until it is rebuilt. */
  paintsPseudoText(el: Element): boolean {
    if (!this.pseudo.has(el)) return false;
    if (this.pseudo.get(el) === undefined) this.readPseudo(el);
    return this.pseudoPainted.has(el);
  }

  /** The first rule the redactor applies to `text`, or null. */
  ruleOf(text: string | null, label?: string): string | null {
    return text?.trim() ? this.ctx.redactor.redact(text, label).spans[0]?.rule ?? null : null;
  }

  /**
   * A field (or a mask root, an image's alt, a select's labels) blurred whole under `rule`; null: not blurred.
   * `counted: false` blurs without counting a redaction: an empty sensitive field, whose box is blurred for what
   * may be typed or autofilled into it between the snapshot and the pixels (nothing was redacted yet).
   */
  markField(el: Element, rule: string | null, counted = true): void {
    if (rule) this.redactedFields.set(el, { rule, counted });
    else this.redactedFields.delete(el);
  }

  /** The box of an element whose content the tree cut (MAX_TREE_DEPTH) is blurred, uncounted; a mark it has stays. */
  markCut(el: Element): void {
    if (!this.redactedFields.has(el)) this.redactedFields.set(el, { rule: 'mask', counted: false });
  }

  /**
   * Text the page paints from attributes, which the tree keeps scrubbed but the screenshot shows as is: a broken
   * image's alt, a <select>'s option labels; and whether CSS may add ::before/::after text (read in regions).
   */
  notePainted(el: Element): void {
    const tag = tagOf(el);
    if (tag === 'img' || tag === 'area') this.markField(el, this.ruleOf(attrOf(el, 'alt'), imageLabel(el, 'alt')));
    else if (tag === 'select') this.markField(el, this.ruleOf(paintedOptionText(el)));
    if (!this.pseudoRules.empty && this.pseudoRules.matches(el)) {
      this.pseudo.set(el, undefined);
      this.ctx.near.watch(el);
    } else this.pseudo.delete(el);
  }

  /**
   * New ::before/::after rules (a style sheet loaded or grew): elements built before them are looked at again.
   * Returns whether the sheets changed (their number or sizes), which may lay built blocks out otherwise.
   */
  refreshPseudoRules(built: boolean, isBuilt: (el: Element) => boolean): boolean {
    const added = this.pseudoRules.refresh(this.ctx.doc);
    if (!added) return false;
    for (const el of this.pseudo.keys()) this.pseudo.set(el, undefined);
    // Before the first build there is nothing to look at again: each element is checked as it is built.
    if (!added.length || !built) return true;
    for (const el of queryAllIn(this.ctx.doc, added.join(', '))) {
      if (!isBuilt(el)) continue; // not built yet: checked when it is
      this.pseudo.set(el, undefined);
      this.ctx.near.watch(el);
    }
    return true;
  }

  /**
   * Boxes (top-level viewport) of every redacted span, field and ::before/::after text, with their painted copies;
   * with `tree` (the snapshot's XML, marks and all), of the pieces its run pass cuts too (see runRegions).
   */
  redactionRegions(offsets: Map<Window, Point>, tree?: string): { redactedRegions: Box[]; redactions: Record<string, number> } {
    const regions: Box[] = [];
    const counts: Record<string, number> = {};
    for (const [node, spans] of this.redactedText) {
      if (!isLive(node)) {
        this.redactedText.delete(node);
        continue;
      }
      const host = parentElementOf(node) ?? documentElementOf(this.ctx.doc);
      if (!host) continue; // connected, so under a root element: none only for a document gone
      const off = this.ctx.offsetFor(host, offsets);
      // Its shadows paint the secret again elsewhere (text-shadow, an ancestor's drop-shadow): blurred there too.
      const copies = copyOffsetsOf(host);
      for (const span of spans) {
        counts[span.rule] = (counts[span.rule] ?? 0) + 1;
        const range = createRangeIn(ownerDocumentOf(node));
        range.setStart(node, Math.min(span.start, node.length));
        range.setEnd(node, Math.min(span.end, node.length));
        for (const r of Array.from(range.getClientRects())) {
          if (!(r.width > 0 && r.height > 0)) continue;
          const box = { x: r.left + off.x, y: r.top + off.y, width: r.width, height: r.height };
          regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
        }
      }
    }
    for (const [el, { rule, counted }] of this.redactedFields) {
      if (!isLive(el)) {
        this.redactedFields.delete(el);
        continue;
      }
      // A field that holds nothing yet is blurred for what may fill it before the pixels: only one a screenshot
      // can show by then. Every empty contact field of a long form, measured, cost a style read per ancestor at
      // each snapshot, and could push the frame's report past its box cap (parseRegions), losing every blur box.
      if (!counted && !withinAViewport(el)) continue;
      if (counted) counts[rule] = (counts[rule] ?? 0) + 1;
      const box = elementBox(el, this.ctx.offsetFor(el, offsets));
      if (box.width > 0 && box.height > 0) {
        const copies = copyOffsetsOf(el);
        regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
      }
    }
    this.pseudoRegions(offsets, regions, counts);
    if (tree !== undefined) this.runRegions(tree, offsets, regions);
    return { redactedRegions: regions, redactions: counts };
  }

  /**
   * A secret split across inline pieces (`<span>4111 1111</span><span> 1111 1111</span>`, an IBAN's half the page
   * cut and the half it kept) is no secret to any one text node, so nothing above blurs it, and the worker's OCR
   * reads only what the DOM does not explain: the worker's run pass cut it from the stored tree while its pixels
   * stayed readable. So the page reads its own tree with that pass (runPieceHolders) and blurs the text right under
   * each element holding a piece the pass cuts (the whole element when it paints none of its own; the text of its
   * shadow root for a piece there). Not counted: the worker counts the pass's findings when it stores the tree.
   * Read again only when the tree changed (one scan of it, a scrub per run whose join may hold a value).
   */
  private runRegions(tree: string, offsets: Map<Window, Point>, regions: Box[]): void {
    const scrubber = this.ctx.runScrubber();
    if (!scrubber) return;
    let read = this.runsRead;
    if (!read || read.scrubber !== scrubber || read.tree !== tree) {
      read = { tree, scrubber, holders: runPieceHolders(tree, scrubber) };
      this.runsRead = read;
    }
    const seen = new Set<string>();
    for (const { id, inShadowRoot } of read.holders) {
      const key = `${id}:${inShadowRoot}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const el = this.ctx.elementOf(id);
      if (!el || !isLive(el)) continue;
      const off = this.ctx.offsetFor(el, offsets);
      const parent = inShadowRoot ? this.ctx.shadowOf(el) : el;
      const boxes = parent ? ownTextBoxes(parent, off) : [];
      if (!boxes.length) {
        const box = elementBox(el, off);
        if (box.width > 0 && box.height > 0) boxes.push(box);
      }
      const copies = boxes.length ? copyOffsetsOf(el) : [];
      for (const box of boxes) regions.push(box, ...(copies ? copiesOf(box, copies) : [EVERYWHERE]));
    }
  }

  /** ::before/::after text of elements near the viewport: computed style is read once per element until it is rebuilt. */
  private pseudoRegions(offsets: Map<Window, Point>, regions: Box[], counts: Record<string, number>): void {
    for (const [el, known] of this.pseudo) {
      if (!isLive(el)) {
        this.pseudo.delete(el);
        continue;
      }
      if (!this.ctx.near.near.has(el)) continue;
      const rule = known === undefined ? this.readPseudo(el) : known;
      if (!rule) continue;
      counts[rule] = (counts[rule] ?? 0) + 1;
      const box = elementBox(el, this.ctx.offsetFor(el, offsets));
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

  /** Is `el` an area whose pixels the DOM cannot vouch for? Re-decided whenever it is rebuilt. */
  markMedia(el: Element): void {
    const mark = mediaMark(el);
    if (mark) {
      this.media.set(el, mark);
      if (mark === 'maybe-background') this.ctx.near.watch(el);
    } else if (tagOf(el) !== 'iframe' && tagOf(el) !== 'frame') this.media.delete(el);
  }

  /** Boxes of media areas that are on screen, measured now (the frame the step uses shows the page as it is now). */
  mediaRegions(offsets: Map<Window, Point>): MediaRegion[] {
    const out: MediaRegion[] = [];
    for (const [el, mark] of this.media) {
      if (!isLive(el)) {
        this.media.delete(el);
        continue;
      }
      // A possible background is only looked at when near the viewport: computed style is not free.
      if (mark === 'maybe-background' && !this.ctx.near.near.has(el)) continue;
      const win = windowOfNode(el);
      if (!win) continue;
      const r = boundsOf(el);
      if (r.width < MEDIA_MIN.width || r.height < MEDIA_MIN.height) continue;
      if (r.bottom <= 0 || r.right <= 0 || r.top >= win.innerHeight || r.left >= win.innerWidth) continue;
      if (mark === 'maybe-background' && !win.getComputedStyle(el).backgroundImage.includes('url(')) continue;
      const box = elementBox(el, this.ctx.offsetFor(el, offsets));
      // A foreign frame says which of the tab's frames it is (once the offset exchange told it): the worker
      // blurs it whole while that frame's own regions are not in the tab's text map yet.
      const frame = mark === 'frame' ? this.ctx.frameIdOf(el) : undefined;
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
