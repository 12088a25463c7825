// Country and region names in a language, from the runtime's own ICU data (Intl.DisplayNames): no list to ship.

/**
 * Adds the lowercase name of every two-letter region code in `lang` to `into` (and returns it); a language the
 * runtime does not know adds nothing.
 */
export function addRegionNames(lang: string, into: Set<string>): Set<string> {
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames([lang], { type: 'region' });
  } catch {
    return into;
  }
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const n = names.of(code);
        if (n && n !== code) into.add(n.toLowerCase());
      } catch {
        // not a region code
      }
    }
  }
  return into;
}
