// A frame's settle report into the tab's text map: its regions checked (the
// page is not trusted), placed with the scroll they hold at, and filed under
// the frame's number. A subframe of a site the config keeps out of
// screenshots is blurred whole: its box becomes one redacted region.
import type { MessageOf } from '../core/messages';
import { isBox, parseRegions, WHOLE_SCREEN } from '../core/tab-text-map';
import { sitePolicy } from '../core/site-policy';
import { scrollOffset } from '../core/view-shift';
import type { Sender } from '../platform/messaging';
import { activeConfig } from './scrubber-state';
import { tabMemory } from './tab-memory';
import { tabTextMap } from './tab-text-map';

export async function keepFrameRegions(m: MessageOf<'page/settled'>, sender: Sender): Promise<void> {
  const tabId = sender.tab?.id;
  const regions = parseRegions(m.regions);
  if (tabId === undefined || !regions) return;
  const frame = await tabMemory.frameNumber(tabId, sender.frameId ?? 0);
  const topScroll = scrollOffset(m.topScroll);
  if (frame !== 0) {
    const { config } = await activeConfig();
    if (!sitePolicy(config.sites, sender.tab?.url, sender.url).screenshots) {
      regions.redacted = [isBox(m.frameBox) ? m.frameBox : WHOLE_SCREEN];
      regions.media = [];
    }
  }
  await tabTextMap.put(tabId, frame, { ...regions, ...(topScroll ? { topScroll } : {}), at: Date.now() });
}
