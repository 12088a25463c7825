// Cross-origin frames cannot read their own position in the page. Each frame's
// recorder answers its children's requests with the child iframe's offset in
// the top-level viewport (its own offset plus the iframe's box), by postMessage.
import { listen } from './guard';

const REQUEST = 'alien-dataflow:offset-request';
const REPLY = 'alien-dataflow:offset-reply';
const FRAME_ID = 'alien-dataflow:frame-id';

interface OffsetReply { type: typeof REPLY; x: number; y: number }

export function answerOffsetRequests(
  win: Window, ownOffset: () => { x: number; y: number }, onFrameId: (frame: Element, frameId: number) => void,
): () => void {
  return listen(win, 'message', (e) => {
    const event = e as MessageEvent;
    const data = event.data as { type?: string; frameId?: unknown } | null;
    if ((data?.type !== REQUEST && data?.type !== FRAME_ID) || !event.source) return;
    const frames = win.document.querySelectorAll('iframe, frame');
    for (const frame of Array.from(frames)) {
      if ((frame as HTMLIFrameElement).contentWindow !== event.source) continue;
      if (data.type === FRAME_ID) {
        if (typeof data.frameId === 'number') onFrameId(frame, data.frameId);
        return;
      }
      const r = frame.getBoundingClientRect();
      const own = ownOffset();
      const reply: OffsetReply = {
        type: REPLY,
        x: own.x + r.left + (frame as HTMLElement).clientLeft,
        y: own.y + r.top + (frame as HTMLElement).clientTop,
      };
      // To the child's own origin only: no other document can read where it sits.
      (event.source as Window).postMessage(reply, event.origin === 'null' ? '*' : event.origin);
      return;
    }
  }, { capture: false, passive: true });
}

/** Tell the parent which browser frame id this frame has, so its tree can mark the iframe. */
export function announceFrameId(win: Window, frameId: number): void {
  win.parent.postMessage({ type: FRAME_ID, frameId }, '*');
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
