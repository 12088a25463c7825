// What kind of element a snapshot meets, decided from its tag and attributes (no layout, no computed style
// unless said): the tag and attribute sets the tree keeps or skips, interactive elements, cheap hiding,
// media marks, fields that paint text; and the climb across shadow roots and frames every walk uses.
import type { MediaKind } from '../core/step-draft';
import { attrOf, boundsOf, defaultViewOf, firstElementChildOf, hasAttrOf, hostOf, isShadowRoot, nodeTypeOf, parentOf, queryAllUnder, querySelectorOf, tagOf, textContentOf, windowOfNode } from './dom-safe';

/** A media element, or an empty element that may paint a CSS background image (checked when near the viewport). */
export type MediaMark = MediaKind | 'maybe-background';
/** Empty elements of these tags often carry a CSS background image (avatars, banners, captcha tiles). */
const BACKGROUND_TAGS = new Set(['div', 'span', 'a', 'i', 'figure', 'section', 'header', 'li', 'button', 'td', 'picture']);

export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'base', 'object', 'embed', 'param',
  'source', 'track', 'canvas-fallback',
]);
export const KEEP_ATTRS = new Set([
  'name', 'type', 'role', 'href', 'alt', 'title', 'placeholder', 'for', 'action', 'method', 'disabled', 'readonly',
  'required', 'contenteditable', 'tabindex', 'src', 'target', 'label', 'colspan', 'rowspan', 'open', 'multiple',
  'min', 'max', 'step', 'pattern', 'maxlength', 'autocomplete', 'datetime', 'lang', 'dir',
]);
export const URL_ATTRS = new Set(['href', 'src', 'action']);
export const LABEL_ATTRS = new Set(['title', 'alt', 'placeholder', 'label', 'data-testid', 'value']);
const INTERACTIVE_TAGS = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary', 'label', 'option', 'iframe']);
const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
  'switch', 'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem', 'gridcell',
]);

export function isInteractive(el: Element): boolean {
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
export function hiddenCheaply(el: Element): 'gone' | 'invisible' | null {
  if (hasAttrOf(el, 'hidden')) return 'gone';
  if (tagOf(el) === 'input' && (el as HTMLInputElement).type === 'hidden') return 'gone';
  const style = attrOf(el, 'style');
  if (!style) return null;
  if (/display\s*:\s*none/i.test(style)) return 'gone';
  return /visibility\s*:\s*(hidden|collapse)/i.test(style) ? 'invisible' : null;
}

/**
 * hiddenCheaply, but an element hidden only by its `hidden` attribute is asked for its computed display and box: a
 * page's stylesheet may show it (`[hidden] { display: block }`), and its text is then painted and belongs in the
 * tree (a secret's half in such an element was left out, the other half stored alone). Style is read only for
 * elements that carry the attribute, when their parent is built. One shown as display:contents has no box and stays
 * out. `hidden="until-found"` paints nothing whatever the display.
 */
export function hiddenOf(el: Element): 'gone' | 'invisible' | null {
  const cheap = hiddenCheaply(el);
  if (cheap !== 'gone' || !hasAttrOf(el, 'hidden') || attrOf(el, 'hidden')?.trim().toLowerCase() === 'until-found') return cheap;
  if (tagOf(el) === 'input' && (el as HTMLInputElement).type === 'hidden') return cheap;
  const style = attrOf(el, 'style') ?? '';
  if (/display\s*:\s*none/i.test(style)) return cheap;
  try {
    // Shown, and laid out with a box: a DOM that computes no style for the attribute, or lays nothing out, says
    // nothing (the box is read only once the style showed it, so a hidden element costs no layout).
    const display = windowOfNode(el)?.getComputedStyle(el).display;
    const r = display && display !== 'none' ? boundsOf(el) : null;
    if (r && (r.width > 0 || r.height > 0)) return /visibility\s*:\s*(hidden|collapse)/i.test(style) ? 'invisible' : null;
  } catch {
    // a read that throws says nothing: the attribute decides
  }
  return cheap;
}

export const SAYS_VISIBLE = /visibility\s*:\s*visible/i;

/** The option labels a <select> paints: the shown one, or every option of a list box. */
export function paintedOptionText(select: Element): string {
  const options = queryAllUnder(select, 'option');
  const label = (o: Element): string => attrOf(o, 'label') || textContentOf(o);
  if (hasAttrOf(select, 'multiple') || Number(attrOf(select, 'size')) > 1) return options.map(label).join('\n');
  // The selected attribute stands in when the index says none: only an over-blur if nothing is shown.
  const shown = options[(select as HTMLSelectElement).selectedIndex] ?? options.find((o) => hasAttrOf(o, 'selected'));
  return shown ? label(shown) : '';
}

export function mediaMark(el: Element): MediaMark | null {
  switch (tagOf(el)) {
    case 'canvas': return 'canvas';
    case 'img': return 'img';
    case 'video': return 'video';
    case 'svg':
      // Chart labels (<text>), embedded images and HTML in <foreignObject> are not in the snapshot.
      return querySelectorOf(el, 'image, text, foreignObject') ? 'svg-image' : null;
    case 'input': return (el as HTMLInputElement).type === 'image' ? 'img' : null;
    default: break;
  }
  const style = attrOf(el, 'style');
  if (style && style.includes('url(')) return 'background';
  if (BACKGROUND_TAGS.has(tagOf(el)) && !firstElementChildOf(el) && !textContentOf(el).trim()) return 'maybe-background';
  return null;
}

/** The most ancestors a climb from a hit-tested element visits. */
export const MAX_CLIMB = 512;

/** The parent, through shadow roots and out of frames; read through the prototypes (a form's control named parentNode would loop). */
export function parentAcrossRoots(n: Node): Node | null {
  const p = parentOf(n) as Node | null;
  if (p) return isShadowRoot(p) ? hostOf(p) : p;
  if (isShadowRoot(n)) return hostOf(n);
  if (nodeTypeOf(n) === Node.DOCUMENT_NODE) {
    try {
      return defaultViewOf(n as Document)?.frameElement ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Painted by the browser from pixels, not text: mediaRegions has them (svg: its <text> is not in the tree). */
export const NO_TEXT_TAGS = new Set(['canvas', 'img', 'video', 'audio', 'svg', 'picture', 'map']);
export const FIELD_TAGS = new Set(['input', 'textarea', 'select']);
/** Inputs that paint no text of their own (an image input is media). */
const TEXTLESS_INPUTS = new Set(['checkbox', 'radio', 'range', 'color', 'hidden', 'image']);
/** Inputs that paint a label or a format even when empty (Submit, "No file chosen", mm/dd/yyyy). */
const LABELLED_INPUTS = new Set(['submit', 'button', 'reset', 'file', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Does a field paint text: a value, an empty field's placeholder, a button's label, a select's option? */
export function paintsFieldText(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'select') return !!(el as HTMLSelectElement).options.length;
  const field = el as HTMLInputElement;
  if (tag === 'input' && TEXTLESS_INPUTS.has(field.type)) return false;
  if (tag === 'input' && LABELLED_INPUTS.has(field.type)) return true;
  return !!field.value || !!attrOf(el, 'placeholder');
}

/**
 * Levels of the tree the snapshot's walks descend (the serialiser and the text walk alike). Deeper, an element's
 * content is cut (`<truncated depth=…/>`) and its box blurred: a page nested about 1,100 levels deep by script (the
 * HTML parser stops at 512) ran the build out of stack, and the step was lost.
 */
export const MAX_TREE_DEPTH = 512;
