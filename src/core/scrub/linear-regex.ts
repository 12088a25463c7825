// Custom rules run on every page a person visits, in the page and in the
// worker: a pattern that backtracks could hang them (`(a+)+$` on 30 characters
// took 3.9 s with JavaScript's engine, doubling per character). They are
// compiled with re2js, a port of RE2 whose matching time is linear in the
// input; it refuses lookaround and backreferences, the features that need
// backtracking, and the config says so.
import { RE2JS } from 're2js';

export interface LinearPattern {
  /** Every non-empty match, left to right, as UTF-16 offsets. */
  matches(text: string): Iterable<{ start: number; end: number }>;
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
    *matches(text: string) {
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const start = m.start();
        const end = m.end();
        if (end > start) yield { start, end };
        from = end > start ? end : start + 1;
      }
    },
    matchesEmpty: () => re.matcher('').matches(),
  };
}
