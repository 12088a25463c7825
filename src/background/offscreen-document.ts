// The one owner of the offscreen document: creates it on demand, once, even
// when several callers ask at the same time.
const PATH = 'offscreen/offscreen.html';
let creating: Promise<void> | null = null;

async function exists(): Promise<boolean> {
  const url = chrome.runtime.getURL(PATH);
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  return contexts.length > 0;
}

/** Firefox has no offscreen API, but its background page has a document: the same page runs in an iframe there. */
let framed: Promise<void> | null = null;
function ensureFrameInBackgroundPage(): Promise<void> {
  framed ??= new Promise<void>((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.addEventListener('load', () => resolve(), { once: true });
    frame.addEventListener('error', () => reject(new Error('the image-work page did not load')), { once: true });
    frame.src = chrome.runtime.getURL(PATH);
    document.body.append(frame);
  });
  return framed;
}

export async function ensureOffscreen(): Promise<void> {
  if (!chrome.offscreen && typeof document !== 'undefined') return ensureFrameInBackgroundPage();
  if (await exists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: PATH,
      reasons: ['BLOBS' as chrome.offscreen.Reason, 'WORKERS' as chrome.offscreen.Reason],
      justification: 'Build export zips as blobs for download and run OCR workers over screenshots.',
    })
    .finally(() => { creating = null; });
  await creating;
}
