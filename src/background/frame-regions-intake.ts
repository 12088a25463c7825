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
      delete regions.explained;
    }
    // A frame vouches only for text inside its own box: an ad frame cannot mark the page around it as read.
    const inside = isBox(m.frameBox) ? m.frameBox : null;
    const explained = inside ? clipBoxes(regions.explained ?? [], inside) : [];
    if (explained.length) regions.explained = explained;
    else delete regions.explained;
  }
  await tabTextMap.put(tabId, frame, { ...regions, ...(topScroll ? { topScroll } : {}), at: Date.now() });
}
