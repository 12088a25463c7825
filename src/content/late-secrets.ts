// A step's page read before a password on it was typed: a typing step's tree is read at its first key, and a
// page may have shown the password before (a generator's suggestion, then typed or pasted). The page's scrubber
// did not know it then. When the step is made, with the password known, every form of it in what was read is
// cut, and the boxes where the page shows it now are blurred in the step's frame too (taken at the first key;
// the page read moments later). Steps made before the password was typed keep what they read: it was not known.
import type { KnownSecrets } from '../core/scrub/recognizers/known-secrets';
import type { PageObservation } from '../core/step-draft';
import type { Box } from '../core/schema';
import { escapeXmlAttr, escapeXmlText } from '../core/xml-escape';

/** Replaces every `forms` of every value in `text`, counting the replacements into `counted`. */
function cut(text: string, values: readonly string[], forms: (v: string) => string[], replacement: string, counted: { n: number }): string {
  let out = text;
  for (const value of values) {
    for (const form of new Set(forms(value))) {
      if (!form || !out.includes(form)) continue;
      const pieces = out.split(form);
      counted.n += pieces.length - 1;
      out = pieces.join(replacement);
    }
  }
  return out;
}

const urlForms = (v: string): string[] => [v, encodeURIComponent(v), encodeURIComponent(v).replace(/%20/g, '+'), encodeURI(v)];

/**
 * `page` with the known secrets cut from its trees, title and address, counted as credentials, and `regionsNow`
 * (the page's redacted boxes as it is now) added to its blurred regions, when any was found; else `page` itself.
 */
export function cutLateSecrets(page: PageObservation, secrets: KnownSecrets, replacement: string, regionsNow: () => Box[]): PageObservation {
  const values = secrets.values();
  if (!values.length) return page;
  const counted = { n: 0 };
  const xmlReplacement = escapeXmlText(replacement);
  const out: PageObservation = {
    ...page,
    title: cut(page.title, values, (v) => [v], replacement, counted),
    url: cut(page.url, values, urlForms, replacement, counted),
    ...(page.domParts ? { domParts: { ...page.domParts, marked: cut(page.domParts.marked, values, (v) => [v, escapeXmlText(v), escapeXmlAttr(v), ...urlForms(v)], xmlReplacement, counted) } } : {}),
    ...(page.axParts ? { axParts: { ...page.axParts, marked: cut(page.axParts.marked, values, (v) => [v], replacement, counted) } } : {}),
  };
  if (counted.n === 0) return page;
  return {
    ...out,
    redactedRegions: [...page.redactedRegions, ...regionsNow()],
    redactions: { ...page.redactions, credential: (page.redactions.credential ?? 0) + counted.n },
  };
}
