// The interface the recorder uses to redact text; the scrubber implements it.
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
}

/** A redactor that changes nothing, for tests of the recorder alone. */
export const passThroughRedactor: Redactor = {
  redact: (text) => ({ text, spans: [] }),
  redactUrl: (url) => ({ text: url, spans: [] }),
};
