// The interface the recorder uses to redact text; the scrubber implements it.
import type { KnownSecrets } from './scrub/recognizers/known-secrets';

export interface RedactionSpan {
  start: number;
  end: number;
  rule: string;
}

export interface RedactionResult {
  text: string;
  spans: RedactionSpan[];
}

export interface Redactor {
  /**
   * Redact secrets in free text; spans index the *input* text. `label` is
   * what the page says the text is (a table column's header, a <dt>, a
   * field's label, itemprop="name"): the text is read as if it followed
   * "label:", so "Customer" over a cell makes "Ana Lima" a name.
   */
  redact(text: string, label?: string): RedactionResult;
  /** Redact a URL: secrets in user info and in sensitive query parameters too. */
  redactUrl(url: string): RedactionResult;
  /** What replaces a span of `rule` (the scrubber has it; a redactor that finds nothing needs none). */
  replacementFor?(rule: string): string;
  /**
   * Values secret wherever they appear (the passwords typed on the page): text scrubbed and kept before their
   * version changed may hold one of them unredacted, and is to be scrubbed again if it does.
   */
  readonly secrets?: KnownSecrets;
}

/** A redactor that changes nothing, for tests of the recorder alone. */
export const passThroughRedactor: Redactor = {
  redact: (text) => ({ text, spans: [] }),
  redactUrl: (url) => ({ text: url, spans: [] }),
};
