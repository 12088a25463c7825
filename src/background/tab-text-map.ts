// Where each tab's text map lives (see core/tab-text-map): storage.session,
// which is memory only and outlives a worker stop, so a capture after a
// restart still knows every frame's regions. Each frame has its own key, so a
// report rewrites only its frame, and the tab's index holds each frame's size
// against the tab's byte budget (see core/text-map-budget). Writes for one tab
// go one after another; recording-session clears storage.session at Start.
import { sessionStore } from '../platform/stores';
import { keyedQueue } from '../core/keyed-queue';
import { composeRegions, composeReportedBetween, type FrameRegions, type ScreenRegions, type TabTextMap } from '../core/tab-text-map';
import { fitFrame, unpackFrame, type PackedFrameRegions } from '../core/text-map-budget';
import type { ScrollOffset } from '../core/step-draft';

/** The tab's index: frame number -> bytes its entry holds. */
const indexKey = (tabId: number): string => `textmap:${tabId}`;
const frameKey = (tabId: number, frame: number | string): string => `textmap:${tabId}:${frame}`;
const writes = keyedQueue<number>();

type Index = Record<string, number>;

async function readIndex(tabId: number): Promise<Index> {
  const k = indexKey(tabId);
  const got = await sessionStore().get(k);
  const index = got[k];
  return typeof index === 'object' && index !== null ? (index as Index) : {};
}

async function read(tabId: number): Promise<TabTextMap> {
  const frames = Object.keys(await readIndex(tabId));
  if (!frames.length) return {};
  const got = await sessionStore().get(frames.map((f) => frameKey(tabId, f)));
  const map: TabTextMap = {};
  for (const f of frames) {
    const packed = got[frameKey(tabId, f)] as PackedFrameRegions | undefined;
    if (packed) map[f] = unpackFrame(packed);
  }
  return map;
}

async function put(tabId: number, frame: number, regions: FrameRegions): Promise<void> {
  const index = await readIndex(tabId);
  const others = Object.entries(index).reduce((sum, [f, bytes]) => (f === String(frame) ? sum : sum + bytes), 0);
  const fitted = fitFrame(regions, others);
  if (fitted.trimmed) console.warn(`[alien-dataflow] the tab's text map is full: frame ${frame} kept ${fitted.trimmed === 'text' ? 'its blur boxes only' : 'one OCR area'}`);
  try {
    await sessionStore().set({ [frameKey(tabId, frame)]: fitted.packed, [indexKey(tabId)]: { ...index, [frame]: fitted.bytes } });
  } catch (error) {
    // storage.session is full of other things: the frame's stale entry must not outlive its new report, so it
    // is forgotten (a subframe then counts as late and is blurred whole; the top frame's text is read by OCR).
    console.warn('[alien-dataflow] text map not stored; the frame is forgotten', error);
    await forgetOne(tabId, frame, index);
  }
}

async function forgetOne(tabId: number, frame: number, index: Index): Promise<void> {
  const { [String(frame)]: _gone, ...rest } = index;
  await sessionStore().remove(frameKey(tabId, frame));
  await sessionStore().set({ [indexKey(tabId)]: rest });
}

async function forgetAll(tabId: number): Promise<void> {
  const frames = Object.keys(await readIndex(tabId));
  await sessionStore().remove([indexKey(tabId), ...frames.map((f) => frameKey(tabId, f))]);
}

export const tabTextMap = {
  /** A frame's latest regions replace its earlier ones. */
  put: (tabId: number, frame: number, regions: FrameRegions): Promise<void> => writes(tabId, () => put(tabId, frame, regions)),
  /**
   * A frame's regions no longer hold (a new document, or it could not measure them): forgotten, so the frame
   * counts as late until it reports again. Frame 0 forgets every frame: a new top-level document has new frames.
   */
  forgetFrame: (tabId: number, frame: number): Promise<void> => writes(tabId, async () => {
    if (frame === 0) await forgetAll(tabId);
    else await forgetOne(tabId, frame, await readIndex(tabId));
  }),
  /** Every frame's regions placed in a frame captured at `capturedAt`; `except` leaves one frame out. */
  composed: async (tabId: number, capturedAt: ScrollOffset | undefined, except?: number): Promise<ScreenRegions> =>
    composeRegions(await read(tabId), capturedAt, except),
  /**
   * As `composed`, with when each frame's regions were filed (see ReportHistory), from the same read, and whether
   * the top frame had reported: a subframe can settle first, and a map without the page's own text vouches for none.
   * With no scroll given (a subframe's settle knows none), the top frame's last word on it places the map.
   */
  composedWithReports: async (tabId: number, capturedAt: ScrollOffset | undefined): Promise<{ regions: ScreenRegions; reports: number[]; hasTop: boolean; topScroll: ScrollOffset | undefined }> => {
    const map = await read(tabId);
    const topScroll = capturedAt ?? map['0']?.topScroll;
    return { regions: composeRegions(map, topScroll), reports: Object.values(map).map((f) => f.at), hasTop: '0' in map, topScroll };
  },
  /** What frames reported between `from` and `to`, placed for a capture at `capturedAt` (see composeReportedBetween). */
  reportedBetween: async (tabId: number, capturedAt: ScrollOffset | undefined, from: number, to: number): Promise<ScreenRegions> =>
    composeReportedBetween(await read(tabId), capturedAt, from, to),
  forget: (tabId: number): Promise<void> => writes(tabId, () => forgetAll(tabId)),
};
