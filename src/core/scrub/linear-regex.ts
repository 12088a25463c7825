// Custom rules run on every page a person visits, in the page and in the
// worker: a pattern that backtracks could hang them (`(a+)+$` on 30 characters
// took 3.9 s with JavaScript's engine, doubling per character). They are
// compiled with re2js, a port of RE2 whose matching time is linear in the
// input; it refuses lookaround and backreferences, the features that need
// backtracking, and the config says so.
import { RE2JS } from 're2js';

export interface LinearPattern {
  /** Every non-empty match (or its capture `group`), left to right, as UTF-16 offsets. */
  matches(text: string, group?: number): Iterable<{ start: number; end: number }>;
  /** How many capture groups the pattern has. */
  groupCount(): number;
  /** Does the pattern match the empty string (a rule that would match everywhere)? */
  matchesEmpty(): boolean;
}

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** Compile, or throw an Error whose message says why in plain words. */
export function compileLinear(pattern: string, flags: string): LinearPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, [...flags].reduce((acc, f) => acc | (FLAGS[f] ?? 0), 0));
  } catch (error) {
    const why = String((error as Error).message ?? error).replace(/^error parsing regexp: /, '');
    const backtracking = /\(\?<?[=!]|\\[1-9]|\\k</.test(pattern);
    throw new Error(backtracking
      ? `lookaround and backreferences are not allowed (they need backtracking, which can hang a page); rewrite without them (${why})`
      : why, { cause: error });
  }
  return {
    *matches(text: string, group = 0) {
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const whole = [m.start(), m.end()] as const;
        const start = group ? m.start(group) : whole[0];
        const end = group ? m.end(group) : whole[1];
        if (start >= 0 && end > start) yield { start, end };
        from = whole[1] > whole[0] ? whole[1] : whole[0] + 1;
      }
    },
    groupCount: () => re.groupCount(),
    matchesEmpty: () => re.matcher('').matches(),
  };
}
