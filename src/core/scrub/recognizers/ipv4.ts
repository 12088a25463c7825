// The ipv4 recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';
import { ipv4Sensitive } from '../validators';

export const ipv4: readonly PatternSpec[] = [
  {
    // Not after a version's label: "Version 4.2.1.7", "Build 10.0.1.2" are releases, not hosts.
    tag: 'IP', minLength: 7, needsDigit: true, needsChar: ['.'],
    pattern: /(?<![\w.])(?<!\b(?:[Vv](?:er(?:sion)?)?|VERSION|[Vv]ersi(?:ón|on[ei]|e)|[Vv]ersão|[Ww]ersja|[Ss]ürüm|[Bb]uild|BUILD|[Rr]el(?:ease)?|[Ff]irmware|FW|[Kk]ernel|[Pp]atch|[Uu]pdate)\.?:?\s{0,2})(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)/g,
    validate: ipv4Sensitive,
  },
];
