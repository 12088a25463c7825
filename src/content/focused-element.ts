// The element a key press goes to. A keydown from a field inside a closed
// shadow root reaches the window's listener retargeted to the shadow host,
// and the host is no text field: a password typed there looked like a plain
// element, so Alt-characters in it became key steps ("Alt+q" is "@" on a
// German layout). The focused element is found by following each shadow
// root's activeElement down; closed roots are opened as content scripts may
// (platform/host/closed-shadow-roots).
import { closedShadowRootOpener, type ShadowOpener } from '../platform/host/closed-shadow-roots';
import { shadowRootOf } from './dom-safe';

const openClosed = closedShadowRootOpener();

/** Deeper than any real page nests shadow roots: a loop (a forged tree) ends here. */
const MAX_DEPTH = 32;

function rootOf(el: Element, open: ShadowOpener | undefined): ShadowRoot | null {
  const own = shadowRootOf(el);
  if (own) return own;
  try {
    return open?.(el as HTMLElement) ?? null;
  } catch {
    return null;
  }
}

/** The innermost focused element inside `el`'s shadow roots, open or closed; `el` itself when none holds focus. */
export function focusedWithin(el: Element, open: ShadowOpener | undefined = openClosed): Element {
  let current = el;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const inner = rootOf(current, open)?.activeElement;
    if (!inner || inner === current) break;
    current = inner;
  }
  return current;
}
