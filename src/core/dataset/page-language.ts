// The language a page declares (<html lang="de-AT"> gives "de"), read from a
// step's scrubbed dom_tree, for the dataset card's `language:` list. Only a
// well-formed primary subtag counts: the value comes from the page.
const ROOT_LANG = /^\s*(?:<\?xml[^>]*>\s*)?<html\b[^>]*?\slang="([^"]*)"/i;

export function pageLanguage(domTree: string): string | null {
  const lang = ROOT_LANG.exec(domTree.slice(0, 2000))?.[1]?.trim().toLowerCase().split(/[-_]/)[0];
  return lang && /^[a-z]{2,3}$/.test(lang) ? lang : null;
}
