// A frame element's document as the snapshot's walks read it: a same-origin frame's, or null for a cross-origin
// one (reading it throws in Firefox, gives null in Chromium) or a frame not loaded. One place, so the XML walk and
// the visible-text walk cannot come to disagree on which frames they read into the page.

/** The document of an <iframe> or <frame>, or null when this script may not read it. */
export function frameDocumentOf(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}
