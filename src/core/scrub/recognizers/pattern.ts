// A recogniser that is one pattern: a regex, an optional validator, and the tag used in
// typed replacements. `group` names the capture group that is the secret when
// the pattern also matches context (e.g. "Bearer " before a token). compilePattern
// makes it a Recognizer (recognizer.ts), the interface the code finders have too.
import { validInside } from '../candidates';
import { NO_SPANS, type Span } from '../finder';
import type { PatternName } from './names';
import type { Recognizer, TextFacts } from './recognizer';

/** Not glued to a word on the left (for patterns written as strings). */
export const B = '(?<![\\w@.-])';
/** Nor on the right. */
export const E = '(?![\\w@-])';

export interface Pattern {
  name: PatternName;
  tag: string;
  pattern: RegExp;
  validate?: (match: string) => boolean;
  group?: number;
  /**
   * When the validator refuses a match, look for the value inside it (see
   * candidates.ts): from each token start, then without trailing groups.
   * "15.03.2024 4111 …", "#1 4111 …" or "DE89 3704 … 00 BIC" would otherwise
   * be lost whole. Only for patterns without a capture group.
   */
  retry?: boolean;
  /** A check that needs the text around the value (its neighbours), after `validate`. */
  context?: (text: string, start: number, end: number) => boolean;
  /**
   * The shortest text the pattern can match, and whether every match holds a
   * digit: most page strings are short labels, so these skip the regex without
   * running it. Lower bounds read off the pattern; tests/unit keep them honest.
   */
  minLength: number;
  needsDigit?: boolean;
  /**
   * Characters of which every match holds at least one ('@' or '%' for an e-mail, ':' for IPv6): the patterns that
   * short strings reach run only on text that holds one. Checked with includes(), cheaper than entering the regex.
   */
  needsChar?: readonly string[];
}

/** Does `text` hold any of `chars`? A loop, not some() with a closure: it runs for each rule on each string. */
function holdsAny(text: string, chars: readonly string[]): boolean {
  for (const c of chars) if (text.includes(c)) return true;
  return false;
}

/** A pattern as its file writes it: its name is its key in the registry (registry.ts). */
export type PatternSpec = Omit<Pattern, 'name'>;

/** The pattern as a Recognizer of its own, with its own regex (its lastIndex is state): one per scrubber. */
export function compilePattern(r: Pattern): Recognizer {
  const flags = new Set([...r.pattern.flags, 'g', ...(r.group ? ['d'] : [])]);
  const { validate, context, group, minLength, needsChar } = r;
  const needsDigit = r.needsDigit ?? false;
  const accept = validate || context
    ? (text: string, start: number, value: string) => (!validate || validate(value)) && (!context || context(text, start, start + value.length))
    : undefined;
  /** The pattern anchored (y flag), to look for the value inside a refused match. */
  const sticky = r.retry && !group ? new RegExp(r.pattern.source, [...flags, 'y'].join('')) : undefined;
  const re = new RegExp(r.pattern.source, [...flags].join(''));
  const find = (text: string, facts: TextFacts): readonly Span[] => {
    if (text.length < minLength || (needsDigit && !facts.hasDigit) || (needsChar && !holdsAny(text, needsChar))) return NO_SPANS;
    let found: Span[] | undefined;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const value = group ? m[group] : m[0];
      if (!value) continue;
      const start = group && m.indices?.[group] ? m.indices[group]![0] : m.index;
      if (!accept || accept(text, start, value)) {
        (found ??= []).push({ start, end: start + value.length });
        continue;
      }
      const inside = sticky && validInside(text, m.index, m.index + m[0].length, sticky, (at, v) => accept(text, at, v));
      if (!inside) continue;
      (found ??= []).push({ start: inside.start, end: inside.end });
      // Go on after the value found, which may end before or after the refused match.
      re.lastIndex = inside.end;
    }
    return found ?? NO_SPANS;
  };
  return { name: r.name, tag: r.tag, kind: 'pattern', find };
}
