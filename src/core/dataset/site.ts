// The site a step belongs to: the registrable domain of its page (eTLD+1 by
// the Public Suffix List, through tldts), so `pack --domains` can keep or drop
// a whole site, subdomains and all.
import { getDomain } from 'tldts';

/** example.co.uk for https://shop.example.co.uk/…; the host itself for IPs and localhost; null when there is none. */
export function siteOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (!host) return null;
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}

/** Does `site` match a list entry (a domain or a parent domain of it)? */
export function siteMatches(site: string | null, list: readonly string[]): boolean {
  if (!site) return false;
  return list.some((d) => site === d || site.endsWith(`.${d}`));
}

/** A domain list file: one per line, `#` comments, blank lines ignored. */
export function parseDomainList(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim().toLowerCase()).filter(Boolean);
}
