// Whether the person's pointer is up in the browser's toolbar, above the page. Firefox reports its own Back and
// Forward buttons to the page exactly as a script's history.back(): the navigate
// event says `userInitiated: false` and webNavigation's commit is the same (measured in Firefox ESR 153 by
// clicking the toolbar's Back in the browser's chrome), where the Navigation API's own table of navigation types
// says browser UI is user-initiated (WICG/navigation-api, appendix: types of navigations).
// The one trace a person leaves in the page is the pointer: a trusted mouseout to nothing (the pointer left the
// document) above the page's top edge, where the toolbar is, with no trusted pointer event in the page since.
// A script cannot move the pointer; it could only act while the person's pointer is up there, so the window is
// short and the page must be the one shown.
import { listen } from '../guard';
import { isNodeValue, visibilityStateOf } from '../dom-safe';

/** A person reaches the toolbar's Back within seconds of leaving the page; a pointer parked longer is no press. */
export const TOOLBAR_REACH_MS = 8000;

export interface PointerAbove {
  /** The pointer left the page through its top edge less than TOOLBAR_REACH_MS ago and has not come back. */
  above(now?: number): boolean;
  /**
   * A traversal was credited to this leave: the next needs the pointer back in the page and out again. One leave
   * stands for one press, or a page that loops history.back()/forward() while the person's pointer is up there
   * (on its way to the address bar or a tab) makes a step of each. A person's second Back without coming back to
   * the page is lost here, as it already is between documents (the new page never saw the pointer leave).
   */
  spend(): void;
}

/** The pointer's state from the facts of trusted events: pure, so it is tested without a browser's trust. */
export class PointerAboveState implements PointerAbove {
  private leftAt: number | null = null;

  /** A trusted mouseout: `toNothing` when it left the document; `clientY` where the pointer went. */
  out(toNothing: boolean, clientY: number, at: number): void {
    if (toNothing) this.leftAt = clientY < 0 ? at : null;
  }

  /** Any trusted pointer event inside the page: the pointer is back. */
  inside(): void {
    this.leftAt = null;
  }

  above(now = Date.now()): boolean {
    return this.leftAt !== null && now - this.leftAt < TOOLBAR_REACH_MS;
  }

  spend(): void {
    this.leftAt = null;
  }
}

/** Watches `win`'s top-level document from document_start, before any listener of the page's. */
export function watchPointerAbove(win: Window): PointerAbove {
  const state = new PointerAboveState();
  listen(win, 'mouseout', (e) => {
    const m = e as MouseEvent;
    if (m.isTrusted) state.out(m.relatedTarget === null, m.clientY, Date.now());
  });
  for (const type of ['mouseover', 'mousemove', 'pointerdown'] as const) {
    listen(win, type, (e) => {
      if (e.isTrusted) state.inside();
    });
  }
  // The page lost focus (to the address bar or search box, another window, a frame of its own): the person is
  // acting there, not pressing Back; a click on a toolbar button takes no focus. Without this, a page's own
  // history.back() while the person typed an address within the 8 s counted as the toolbar's.
  listen(win, 'blur', (e) => {
    // The window's own blur, not an element's (a capturing listener sees both).
    if (e.isTrusted && !isNodeValue(e.target)) state.spend();
  });
  return {
    // A hidden page is not the one the toolbar acts on.
    above: (now) => visibilityStateOf(win.document) === 'visible' && state.above(now),
    spend: () => state.spend(),
  };
}
