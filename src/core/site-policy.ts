// Site policy from the scrubber config, decided on raw URLs: the tab's
// top-level address and the acting frame's own, before any scrubbing (a
// scrubbed URL such as http://<REDACTED>/ would match no rule). A frame inside
// an excluded top-level site records nothing, whatever its own origin.
import { hostMatches, type ScrubConfig } from './scrub/config';

export interface SitePolicy { record: boolean; screenshots: boolean }

export function sitePolicy(sites: ScrubConfig['sites'], topUrl: string | undefined, frameUrl: string | undefined): SitePolicy {
  const urls = [topUrl, frameUrl].filter((u): u is string => !!u);
  if (urls.some((u) => hostMatches(u, sites.never_record))) return { record: false, screenshots: false };
  return { record: true, screenshots: !urls.some((u) => hostMatches(u, sites.no_screenshots)) };
}
