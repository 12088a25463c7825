// A frame's settle report into the tab's text map: its regions checked (the
// page is not trusted), placed with the scroll they hold at, and filed under
// the frame's number. A subframe of a site the config keeps out of
// screenshots is blurred whole: its box becomes one redacted region. A
// subframe's text boxes count only inside its own box.
import type { MessageOf } from '../core/messages';
import { clipBoxes, isBox, parseRegions, WHOLE_SCREEN } from '../core/tab-text-map';
import { sitePolicy } from '../core/site-policy';
import { scrollOffset } from '../core/view-shift';
import type { Sender } from '../platform/messaging';
import { activeConfig } from './scrubber-state';
import { tabMemory } from './tab-memory';
import { tabTextMap } from './tab-text-map';

/** `at`: when the report arrived (its entry's time, by which ReportHistory knows it). */
export async function keepFrameRegions(m: MessageOf<'page/settled'>, sender: Sender, at = Date.now()): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  const regions = parseRegions(m.regions);
  const frame = await tabMemory.frameNumber(tabId, sender.frameId ?? 0);
  if (!regions) {
    // A subframe that cannot say where its secrets are (not placed yet, or its measuring failed): whatever it
    // said before no longer holds, so it counts as late, and is blurred whole, until it reports again.
    if (frame !== 0) await tabTextMap.forgetFrame(tabId, frame);
    return;
  }
  const topScroll = scrollOffset(m.topScroll);
  if (frame !== 0) {
    const { config } = await activeConfig();
    if (!sitePolicy(config.sites, sender.tab?.url, sender.url).screenshots) {
      regions.redacted = [isBox(m.frameBox) ? m.frameBox : WHOLE_SCREEN];
      regions.media = [];
      delete regions.explained;
    }
    // A frame vouches only for text inside its own box: an ad frame cannot mark the page around it as read.
    const inside = isBox(m.frameBox) ? m.frameBox : null;
    const explained = inside ? clipBoxes(regions.explained ?? [], inside) : [];
    if (explained.length) regions.explained = explained;
    else delete regions.explained;
  }
  const frameBox = frame !== 0 && isBox(m.frameBox) ? { frameBox: { x: m.frameBox.x, y: m.frameBox.y, width: m.frameBox.width, height: m.frameBox.height } } : {};
  await tabTextMap.put(tabId, frame, { ...regions, ...frameBox, ...(topScroll ? { topScroll } : {}), at });
}
