// Cross-origin frames cannot read their own position in the page. Each frame's
// recorder answers its children's requests with the child iframe's offset in
// the top-level viewport (its own offset plus the iframe's box), by postMessage.
import { listen } from './guard';

const REQUEST = 'alien-dataflow:offset-request';
const REPLY = 'alien-dataflow:offset-reply';

interface OffsetReply { type: typeof REPLY; x: number; y: number }

export function answerOffsetRequests(win: Window, ownOffset: () => { x: number; y: number }): () => void {
  return listen(win, 'message', (e) => {
    const event = e as MessageEvent;
    if ((event.data as { type?: string } | null)?.type !== REQUEST || !event.source) return;
    const frames = win.document.querySelectorAll('iframe, frame');
    for (const frame of Array.from(frames)) {
      if ((frame as HTMLIFrameElement).contentWindow !== event.source) continue;
      const r = frame.getBoundingClientRect();
      const own = ownOffset();
      const reply: OffsetReply = {
        type: REPLY,
        x: own.x + r.left + (frame as HTMLElement).clientLeft,
        y: own.y + r.top + (frame as HTMLElement).clientTop,
      };
      (event.source as Window).postMessage(reply, '*');
      return;
    }
  }, { capture: false, passive: true });
}

/** Ask the parent for this frame's offset; `onOffset` gets each reply. */
export function requestOffset(win: Window, onOffset: (o: { x: number; y: number }) => void): { ask: () => void; stop: () => void } {
  const stop = listen(win, 'message', (e) => {
    const event = e as MessageEvent;
    const data = event.data as OffsetReply | null;
    if (event.source !== win.parent || data?.type !== REPLY) return;
    onOffset({ x: data.x, y: data.y });
  }, { capture: false, passive: true });
  const ask = (): void => win.parent.postMessage({ type: REQUEST }, '*');
  ask();
  return { ask, stop };
}
