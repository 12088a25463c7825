// A step's page read before a password on it was typed: a typing step's tree is read at its first key, and a
// page may have shown the password before (a generator's suggestion, then typed or pasted). The page's scrubber
// did not know it then. When the step is made, with the password known, every form of it in what was read is
// cut, and the boxes where the page shows it now are blurred in the step's frame too (taken at the first key;
// the page read moments later). Steps made before the password was typed keep what they read: it was not known.
import type { KnownSecrets } from '../core/scrub/recognizers/known-secrets';
import type { PageObservation } from '../core/step-draft';
import type { Box } from '../core/schema';
import { escapeXmlAttr, escapeXmlText } from '../core/xml-escape';

/** The least of a value a text clipped at its length limit (written with a closing "…") is cut for. */
const MIN_CLIPPED = 6;

/**
 * `text` with every `forms` of every value replaced by `replacement`, counted into `counted`; a value the tree
 * clipped (its start, then "…") is cut too.
 */
function cut(text: string, values: readonly string[], forms: (v: string) => string[], replacement: string, counted: { n: number }): string {
  let out = text;
  for (const value of values) {
    for (const form of new Set(forms(value))) {
      if (!form || !out.includes(form)) continue;
      const pieces = out.split(form);
      counted.n += pieces.length - 1;
      out = pieces.join(replacement);
    }
    if (!out.includes('…')) continue;
    for (const form of new Set(forms(value))) {
      for (let k = form.length - 1; k >= MIN_CLIPPED; k--) {
        const clipped = `${form.slice(0, k)}…`;
        if (!out.includes(clipped)) continue;
        const pieces = out.split(clipped);
        counted.n += pieces.length - 1;
        out = pieces.join(`${replacement}…`);
      }
    }
  }
  return out;
}

/** Runs of white space as the trees write them: one space. */
const collapsed = (v: string): string => v.replace(/\s+/g, ' ').trim();
const urlForms = (v: string): string[] => [v, encodeURIComponent(v), encodeURIComponent(v).replace(/%20/g, '+'), encodeURI(v), new URLSearchParams([['v', v]]).toString().slice(2)];
const xmlForms = (v: string): string[] => [v, collapsed(v)].flatMap((w) => [escapeXmlText(w), escapeXmlAttr(w), ...urlForms(w).map(escapeXmlAttr)]);
/** axtree quotes its text and names with quoteAx: a backslash and a quote escaped. */
const axForms = (v: string): string[] => [v, collapsed(v)].flatMap((w) => [w, w.replace(/\\/g, '\\\\').replace(/'/g, "\\'")]);

/** Whether a tree part (marked XML or axtree) holds any of `values` in a form the trees write it in. */
export function holdsSecret(part: string, values: readonly string[]): boolean {
  return values.some((v) => [...xmlForms(v), ...axForms(v)].some((f) => part.includes(f)));
}

/** The marked XML with the values cut from its text and its attribute values only: no tag or attribute name. */
function cutXml(marked: string, values: readonly string[], replacement: string, counted: { n: number }): string {
  return marked.replace(/(<[^>]*>)|([^<]+)/g, (_m, tag: string | undefined, text: string | undefined) => (tag !== undefined
    ? tag.replace(/="([^"]*)"/g, (_a, v: string) => `="${cut(v, values, xmlForms, replacement, counted)}"`)
    : cut(text!, values, xmlForms, replacement, counted)));
}

/** The marked axtree with the values cut from its quoted texts and names only: no role. */
function cutAx(marked: string, values: readonly string[], replacement: string, counted: { n: number }): string {
  return marked.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, v: string) => `'${cut(v, values, axForms, replacement, counted)}'`);
}

/**
 * `page` with the known secrets cut from its trees, title and address, counted as credentials, and `regionsNow`
 * (the page's redacted boxes as it is now) added to its blurred regions, when any was found; else `page` itself.
 */
export function cutLateSecrets(page: PageObservation, secrets: KnownSecrets, replacement: string, regionsNow: () => Box[]): PageObservation {
  const all = secrets.values();
  // Most pages show none of them: one look at the whole tree for the start of each form spares the walk.
  const marked = `${page.domParts?.marked ?? ''}${page.axParts?.marked ?? ''}${page.title}${page.url}`;
  const values = all.filter((v) => [...xmlForms(v), ...axForms(v)].some((f) => marked.includes(f.slice(0, MIN_CLIPPED))));
  if (!values.length) return page;
  const counted = { n: 0 };
  const xmlReplacement = escapeXmlText(replacement);
  const out: PageObservation = {
    ...page,
    title: cut(page.title, values, (v) => [v, collapsed(v)], replacement, counted),
    url: cut(page.url, values, urlForms, replacement, counted),
    ...(page.domParts ? { domParts: { ...page.domParts, marked: cutXml(page.domParts.marked, values, xmlReplacement, counted) } } : {}),
    ...(page.axParts ? { axParts: { ...page.axParts, marked: cutAx(page.axParts.marked, values, replacement, counted) } } : {}),
  };
  if (counted.n === 0) return page;
  return {
    ...out,
    redactedRegions: [...page.redactedRegions, ...regionsNow()],
    redactions: { ...page.redactions, credential: (page.redactions.credential ?? 0) + counted.n },
  };
}
