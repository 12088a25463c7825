// Every built-in recogniser, patterns and code finders, behind one interface
// (recognizer.ts), in the order the scrubber runs them: the patterns, then the
// finders. Named entities (entities.ts) and the config's custom rules are not
// here: the scrubber runs them after these.
import { BUILTIN_RECOGNIZERS } from '../recognizers';
import { BUILTIN_FINDERS } from '../finders';
import type { SpanFinder } from '../finder';
import { compilePattern } from './pattern';
import type { FinderName, RuleName } from './names';
import type { Recognizer } from './recognizer';

function fromFinder(f: SpanFinder): Recognizer {
  return { name: f.name as FinderName, tag: f.tag, kind: 'finder', find: (text) => f.find(text) };
}

/** The built-in recognisers that `enabled` keeps, made for one scrubber (a pattern's regex holds state). */
export function builtinRecognizers(enabled: (name: RuleName) => boolean): Recognizer[] {
  return [
    ...BUILTIN_RECOGNIZERS.filter((r) => enabled(r.name)).map(compilePattern),
    ...BUILTIN_FINDERS.filter((f) => enabled(f.name as FinderName)).map(fromFinder),
  ];
}
