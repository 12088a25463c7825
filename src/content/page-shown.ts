// A page Chromium prerenders (speculation rules, the address bar's best guess) runs unseen in the tab before the
// person goes to it. Nothing in it is the person's doing yet, and its messages come from a frame the worker does
// not take for the tab's (an outermost frame with a non-zero frameId: w3c/webextensions#396), so its load report
// would be answered and never decided, and its screen regions filed as a subframe's. The recorder starts once the
// page is shown, and counts the showing as the page's arrival. Firefox has no prerendering: shown at once.
import { listen } from './guard';

/** `document.prerendering` (not in TypeScript's DOM types yet); false where a browser has no prerendering. */
function isPrerendering(doc: Document): boolean {
  return (doc as Document & { prerendering?: boolean }).prerendering === true;
}

export interface PageShown {
  /** Resolves once the page is shown: at once, or when a prerendered page is activated. */
  shown: Promise<void>;
  /**
   * Whether a start reports the page's arrival: a start at page load does, and so does the first start of a page
   * that was prerendered, whichever way it comes (a recording begun while it was unseen starts it too).
   */
  arriving(atPageLoad: boolean): boolean;
}

export function pageShown(doc: Document): PageShown {
  let arrivalUnreported = isPrerendering(doc);
  const shown = arrivalUnreported
    ? new Promise<void>((resolve) => { listen(doc, 'prerenderingchange', () => resolve()); })
    : Promise.resolve();
  return {
    shown,
    arriving: (atPageLoad) => {
      const arrived = atPageLoad || arrivalUnreported;
      arrivalUnreported = false;
      return arrived;
    },
  };
}
