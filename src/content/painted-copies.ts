// Where an element's text is painted again: text-shadow (inherited, so the text's own element says it) and
// filter: drop-shadow() on it or any ancestor paint a copy of the glyphs at an offset, as readable as the text
// when the shadow is sharp. A secret's blur box must cover its copies too: a copy landing on other words the
// DOM read (near-white ones, say) is a line the detector counts as explained (rendering page p42).
import type { Box } from '../core/schema';

export interface Offset { x: number; y: number; blur: number }

/** Past this many copies a box is given up on as too costly to follow: the caller blurs wider instead. */
const MAX_COPIES = 16;
/** Ancestors whose filters are read. */
const MAX_DEPTH = 64;

/** The top-level commas of a CSS value (not those inside rgb(…) or drop-shadow(…)). */
function splitTop(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(value.slice(from, i));
      from = i + 1;
    }
  }
  out.push(value.slice(from));
  return out;
}

/** One shadow's offset and blur from its computed form ("rgb(0, 0, 0) 2px 48px 3px"): lengths outside any function. */
function shadowOf(shadow: string): Offset | null {
  let bare = shadow;
  for (let prev = ''; prev !== bare;) {
    prev = bare;
    bare = bare.replace(/[a-z-]+\([^()]*\)/gi, ' ');
  }
  const px = [...bare.matchAll(/(-?\d*\.?\d+(?:e[-+]?\d+)?)px/gi)].map((m) => Number(m[1]));
  if (px.length < 2 || !px.slice(0, 3).every(Number.isFinite)) return null;
  return { x: px[0]!, y: px[1]!, blur: Math.abs(px[2] ?? 0) };
}

/** The offsets of a computed text-shadow value ('none' has none). */
export function textShadowOffsets(value: string): Offset[] {
  if (!value || value === 'none') return [];
  return splitTop(value).map(shadowOf).filter((o): o is Offset => !!o);
}

/** The drop-shadow() offsets of a computed filter value. */
export function dropShadowOffsets(value: string): Offset[] {
  if (!value || value === 'none') return [];
  const out: Offset[] = [];
  for (const m of value.matchAll(/drop-shadow\(((?:[^()]|\([^()]*\))*)\)/gi)) {
    const o = shadowOf(m[1]!);
    if (o) out.push(o);
  }
  return out;
}

/**
 * Every offset the text of `el` is painted at besides where it is: its text-shadows, each ancestor's
 * drop-shadows, and their sums (a shadow of a shadow). `styleOf` reads an element's computed style; `parent`
 * climbs (through shadow roots). Null when there are too many to follow.
 */
export function copyOffsets(el: Element, styleOf: (el: Element) => CSSStyleDeclaration, parent: (el: Element) => Element | null): Offset[] | null {
  let copies: Offset[] = [{ x: 0, y: 0, blur: 0 }];
  const add = (offsets: Offset[]): boolean => {
    if (!offsets.length) return true;
    const next = [...copies];
    for (const c of copies) for (const o of offsets) next.push({ x: c.x + o.x, y: c.y + o.y, blur: c.blur + o.blur });
    copies = next;
    return copies.length <= MAX_COPIES;
  };
  if (!add(textShadowOffsets(styleOf(el).textShadow))) return null;
  let n: Element | null = el;
  for (let depth = 0; n && depth < MAX_DEPTH; n = parent(n), depth++) {
    const style = styleOf(n);
    // An SVG filter (an feOffset merged with its source) or a reflection paints it where no length here says.
    if (/url\(/i.test(style.filter ?? '') || unfollowed(style.getPropertyValue?.('-webkit-box-reflect'))) return null;
    if (!add(dropShadowOffsets(style.filter))) return null;
  }
  return copies.slice(1);
}

const unfollowed = (reflect: string | undefined): boolean => !!reflect && reflect !== 'none';

/** `box` at each offset, grown by the shadow's blur. */
export function copiesOf(box: Box, offsets: readonly Offset[]): Box[] {
  return offsets.map((o) => ({ x: box.x + o.x - o.blur, y: box.y + o.y - o.blur, width: box.width + 2 * o.blur, height: box.height + 2 * o.blur }));
}
