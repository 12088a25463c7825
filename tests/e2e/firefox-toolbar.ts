// Firefox's own toolbar, pressed as a person presses it: the pointer is moved from the page up to the Back
// button and clicked, by events synthesized in the browser's chrome window (window.synthesizeMouseEvent), so the
// browser routes them as it routes a real mouse: the page sees its pointer leave through the top edge, and the
// browser's own Back command runs. WebDriver's traversal (page.goBack()) and tabs.goBack() are neither.
// Needs Firefox started with --remote-allow-system-access (launchFirefox's `toolbar` option).
import type { Browser, Page } from 'puppeteer-core';

/** WebDriver BiDi's raw command, reached through puppeteer's Firefox browser (typed there for content scopes only). */
type BidiSend = (method: string, params: object) => Promise<{ result: Record<string, unknown> }>;

function bidi(browser: Browser): BidiSend {
  const connection = (browser as unknown as { connection?: { send: BidiSend } }).connection;
  if (!connection) throw new Error('not a WebDriver BiDi browser');
  return (method, params) => connection.send(method, params);
}

/** Runs `expression` in the browser window's chrome (privileged) scope; throws what it threw. */
async function inChrome(browser: Browser, expression: string): Promise<unknown> {
  const send = bidi(browser);
  const tree = await send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const contexts = tree.result.contexts as { context: string }[];
  const context = contexts[0]?.context;
  if (!context) throw new Error('no chrome window (was Firefox started with --remote-allow-system-access?)');
  const reply = (await send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as {
    type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string };
  };
  if (reply.type !== 'success') throw new Error(`in the browser's chrome: ${reply.exceptionDetails?.text ?? 'failed'}`);
  return reply.result?.value;
}

/** How long the page may take to see the pointer arrive or leave before the press is given up as failed. */
const POINTER_SEEN_MS = 15_000;

/**
 * Moves the pointer over the page (at `x`, `y` in its viewport), then up to the toolbar's Back, and clicks it,
 * as a person does. Each leg waits until the page has seen it: Firefox may coalesce mousemoves sent in one go, and
 * a page that never saw the pointer inside is told of no leave (under load, 1 run in 2: the press then waited
 * forever). The click waits until the page has seen its pointer leave (the browser tells the page and runs its
 * Back command on different channels). Resolves once the click is dispatched; the navigation follows.
 */
export async function pressToolbarBack(browser: Browser, page: Page, x = 300, y = 120): Promise<void> {
  // Source, not a function: the test runner's transform would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = window.__toolbarPointer = { inside: false, left: false };
    window.addEventListener('mousemove', (e) => { if (e.isTrusted) seen.inside = true; }, true);
    window.addEventListener('mouseout', (e) => { if (e.isTrusted && e.relatedTarget === null && seen.inside) seen.left = true; }, true);
  })()`);
  const pageSees = (what: 'inside' | 'left'): Promise<unknown> => page.waitForFunction(`window.__toolbarPointer.${what}`, { timeout: POINTER_SEEN_MS })
    .catch(() => { throw new Error(`the page never saw the pointer ${what === 'inside' ? 'arrive' : 'leave through its top'}`); });
  // Into the page first (two points, so a pointer already resting on the first still moves): the browser then
  // knows the pointer is over the page, and tells it when it leaves.
  await inChrome(browser, `(() => {
    const page = gBrowser.selectedBrowser.getBoundingClientRect();
    for (const dx of [0, 1]) window.synthesizeMouseEvent('mousemove', page.x + ${x} + dx, page.y + ${y}, { button: 0 }, { isDOMEventSynthesized: false });
    return true;
  })()`);
  await pageSees('inside');
  await inChrome(browser, `(() => {
    const move = (cx, cy) => window.synthesizeMouseEvent('mousemove', cx, cy, { button: 0 }, { isDOMEventSynthesized: false });
    const page = gBrowser.selectedBrowser.getBoundingClientRect();
    const back = document.getElementById('back-button');
    if (!back || back.disabled) throw new Error('the toolbar has no enabled Back button');
    const b = back.getBoundingClientRect();
    move(page.x + ${x}, page.y + 4);
    move(b.x + b.width / 2, b.y + b.height / 2);
    return true;
  })()`);
  await pageSees('left');
  await inChrome(browser, `(() => {
    const b = document.getElementById('back-button').getBoundingClientRect();
    for (const type of ['mousedown', 'mouseup']) {
      window.synthesizeMouseEvent(type, b.x + b.width / 2, b.y + b.height / 2, { button: 0, clickCount: 1 }, { isDOMEventSynthesized: false });
    }
    return true;
  })()`);
}
