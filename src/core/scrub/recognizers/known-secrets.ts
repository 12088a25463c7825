// Secrets the page side knows by value: what the person typed into password
// fields of this page. No rule finds a password by its look, so a page that
// shows one as text outside its field ("your new password is …", a
// generator's suggestion, a span a "show" button fills) would keep it. Every
// occurrence of such a value is redacted, wherever it stands. Not in the
// registry: it has no config switch, and it exists only where values are known.
import { NO_SPANS, type Span } from '../finder';
import type { Recognizer } from './recognizer';

/** The values, and a number that changes whenever they do (text scrubbed before then may hold a new one). */
export interface KnownSecrets {
  values(): readonly string[];
  version(): number;
}

export function knownSecretsRecognizer(secrets: KnownSecrets): Recognizer<'credential'> {
  return {
    name: 'credential',
    tag: 'CREDENTIAL',
    kind: 'finder',
    find(text) {
      const values = secrets.values();
      let found: Span[] | null = null;
      for (const value of values) {
        if (!value) continue;
        for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
          (found ??= []).push({ start: at, end: at + value.length });
        }
      }
      return found ?? NO_SPANS;
    },
  };
}
