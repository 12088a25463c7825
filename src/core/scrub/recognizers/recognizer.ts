// The one interface of the built-in recognisers, patterns and code alike: a
// name (its key under `rules:`), a tag for typed replacements, and the spans
// of a text it is sure of. The scrubber walks them in one loop (registry.ts).
import type { Span } from '../finder';
import type { RuleName } from './names';

/** What the scrubber learns of a text once, for every recogniser: patterns that need a digit skip text without one. */
export interface TextFacts { readonly hasDigit: boolean }

/** A built-in recogniser has a RuleName; a config's custom rule (custom.ts) any name the config gives it. */
export interface Recognizer<Name extends string = RuleName> {
  readonly name: Name;
  /** The typed replacement tag: <EMAIL>, <PHONE>, <ADDRESS>, … */
  readonly tag: string;
  /** 'pattern': one regex (pattern.ts); 'finder': code (a SpanFinder); 'custom': a config's custom rule (custom.ts). */
  readonly kind: 'pattern' | 'finder' | 'custom';
  find(text: string, facts: TextFacts): readonly Span[];
}
