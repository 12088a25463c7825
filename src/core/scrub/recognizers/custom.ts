// The config's custom rules (`custom_rules:`) as recognisers: linear-time matching (see linear-regex), run
// after the built-in ones, in the config's order.
import { compileLinear } from '../linear-regex';
import type { ScrubConfig } from '../config';
import type { Recognizer } from './recognizer';

export function customRecognizers(rules: ScrubConfig['custom_rules']): Recognizer<string>[] {
  // A config is validated before it is saved; one that still fails here (hand-edited storage) loses that rule, loudly.
  return rules.flatMap((c) => {
    try {
      const pattern = compileLinear(c.pattern, c.flags);
      return [{ name: c.name, tag: c.tag, kind: 'custom' as const, find: (text: string) => Array.from(pattern.matches(text)) }];
    } catch (error) {
      console.warn(`[alien-dataflow] custom rule ${c.name} skipped: ${(error as Error).message}`);
      return [];
    }
  });
}
