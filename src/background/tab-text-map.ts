// Where each tab's text map lives (see core/tab-text-map): storage.session,
// which is memory only and outlives a worker stop, so a capture after a
// restart still knows every frame's regions. Writes for one tab go one after
// another; recording-session clears it with the other tab facts at Start.
import { sessionStore } from '../platform/stores';
import { keyedQueue } from '../core/keyed-queue';
import { composeRegions, composeReportedBetween, type FrameRegions, type ScreenRegions, type TabTextMap } from '../core/tab-text-map';
import type { ScrollOffset } from '../core/step-draft';

const keyOf = (tabId: number): string => `textmap:${tabId}`;
const writes = keyedQueue<number>();

async function read(tabId: number): Promise<TabTextMap> {
  const k = keyOf(tabId);
  const got = await sessionStore().get(k);
  return (got[k] as TabTextMap | undefined) ?? {};
}

function update(tabId: number, change: (map: TabTextMap) => TabTextMap): Promise<void> {
  return writes(tabId, async () => {
    await sessionStore().set({ [keyOf(tabId)]: change(await read(tabId)) });
  });
}

export const tabTextMap = {
  /** A frame's latest regions replace its earlier ones. */
  put: (tabId: number, frame: number, regions: FrameRegions): Promise<void> => update(tabId, (map) => ({ ...map, [frame]: regions })),
  /**
   * A frame's regions no longer hold (a new document, or it could not measure them): forgotten, so the frame
   * counts as late until it reports again. Frame 0 forgets every frame: a new top-level document has new frames.
   */
  forgetFrame: (tabId: number, frame: number): Promise<void> => update(tabId, (map) => {
    if (frame === 0) return {};
    const { [String(frame)]: _gone, ...rest } = map;
    return rest;
  }),
  /** Every frame's regions placed in a frame captured at `capturedAt`; `except` leaves one frame out. */
  composed: async (tabId: number, capturedAt: ScrollOffset | undefined, except?: number): Promise<ScreenRegions> =>
    composeRegions(await read(tabId), capturedAt, except),
  /** What frames reported between `from` and `to`, placed for a capture at `capturedAt` (see composeReportedBetween). */
  reportedBetween: async (tabId: number, capturedAt: ScrollOffset | undefined, from: number, to: number): Promise<ScreenRegions> =>
    composeReportedBetween(await read(tabId), capturedAt, from, to),
  forget: (tabId: number): Promise<void> => writes(tabId, () => sessionStore().remove(keyOf(tabId))),
};
