// The one owner of the offscreen document: creates it on demand, once, even
// when several callers ask at the same time.
const PATH = 'offscreen/offscreen.html';
let creating: Promise<void> | null = null;

async function exists(): Promise<boolean> {
  const url = chrome.runtime.getURL(PATH);
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  return contexts.length > 0;
}

export async function ensureOffscreen(): Promise<void> {
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
