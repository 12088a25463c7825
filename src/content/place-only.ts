// A frame of a site the user excluded from recording, inside a page that is
// recorded: its pixels are in every screenshot of that page. It records
// nothing and reads nothing of its document; it only learns where it sits in
// the tab (the signed offset exchange of frame-offset) and tells the worker
// its box, as it is placed and whenever its viewport moves, so the worker
// blurs the box whole (see background/frame-regions-intake).
import type { Reply } from '../core/messages';
import { broadcast } from '../platform/messaging';
import { requestOffset } from './frame-offset';
import { listen } from './guard';

export function reportPlaceOnly(win: Window, secret: string, hello: Promise<Reply<'frame/hello'>>): (() => void)[] {
  const stops: (() => void)[] = [];
  let stopped = false;
  void hello.then((h) => {
    if (stopped) return;
    const channel = requestOffset(win, secret, h.frameId, (o) => {
      broadcast({
        kind: 'page/settled', lastChangeAt: Date.now(), ...(o.topScroll ? { topScroll: o.topScroll } : {}),
        regions: { redacted: [], media: [] }, frameBox: { x: o.x, y: o.y, width: win.innerWidth, height: win.innerHeight },
      });
    });
    // The page around it may move it: asked again when its own viewport changes and at each pointer press.
    stops.push(channel.stop, listen(win, 'resize', channel.ask), listen(win, 'pointerdown', channel.ask));
  }).catch((e: unknown) => console.debug('[alien-dataflow] excluded frame not placed', e));
  stops.push(() => { stopped = true; });
  return stops;
}
