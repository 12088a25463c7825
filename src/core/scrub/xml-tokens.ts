// dom_tree's tokens, read without a regex: each tag (its name, closing or self-closing) and each text segment
// between tags. The run pass reads every token of a page's tree at every step; with the regex
// /<(\/?)([A-Za-z_][\w:.-]*)[^<>]*?(\/?)>|[^<]+/g each token cost a match array and a substring, and the pass
// took about 23 ms on a 16,000-element page (bench/pipeline-bench.mjs). This reads the same tokens as that regex
// (tests/unit/xml-tokens.test.ts compares them on random and hostile text), in time linear in the text: a `<` that
// starts no tag (`a < b`, `<a<a<a…` with no `>`) is skipped as the regex skips it, and the text after it is a
// token of its own.

const LT = 60; // <
const SLASH = 47; // /

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 58) || c === 46 || c === 45; // 0-9 : . -

/** A cursor over the tokens of `xml`: call next() until it says false; the fields describe the current token. */
export class XmlTokens {
  /** The token is xml[start, end). */
  start = 0;
  end = 0;
  /** A tag (else a text segment), `</…>`, `<…/>`, and its name as written. */
  isTag = false;
  closing = false;
  selfClosing = false;
  name = '';
  private at = 0;
  // The first `>` at or after gtFrom is at gtAt (xml.length: none), so a stretch of `<` with no `>` is read once.
  private gtFrom = -1;
  private gtAt = -1;

  constructor(private readonly xml: string) {}

  next(): boolean {
    const xml = this.xml;
    const n = xml.length;
    while (this.at < n) {
      const i = this.at;
      if (xml.charCodeAt(i) !== LT) {
        const lt = xml.indexOf('<', i);
        this.at = lt < 0 ? n : lt;
        return this.token(i, this.at, false);
      }
      let j = i + 1;
      const closing = xml.charCodeAt(j) === SLASH;
      if (closing) j++;
      const nameStart = j;
      if (!isNameStart(xml.charCodeAt(j))) {
        this.at = i + 1; // not a tag: the regex skips this `<`
        continue;
      }
      j++;
      while (j < n && isNameChar(xml.charCodeAt(j))) j++;
      const gt = this.gtAfter(j);
      const lt = xml.indexOf('<', j);
      if (gt >= n || (lt >= 0 && lt < gt)) {
        this.at = i + 1;
        continue;
      }
      this.at = gt + 1;
      this.closing = closing;
      this.selfClosing = gt - 1 >= j && xml.charCodeAt(gt - 1) === SLASH;
      this.name = xml.slice(nameStart, j);
      return this.token(i, gt + 1, true);
    }
    return false;
  }

  /** The current token's text (a tag's whole `<…>`). */
  text(): string {
    return this.xml.slice(this.start, this.end);
  }

  private token(start: number, end: number, isTag: boolean): true {
    this.start = start;
    this.end = end;
    this.isTag = isTag;
    return true;
  }

  private gtAfter(from: number): number {
    if (from >= this.gtFrom && from <= this.gtAt) return this.gtAt;
    const gt = this.xml.indexOf('>', from);
    this.gtFrom = from;
    this.gtAt = gt < 0 ? this.xml.length : gt;
    return this.gtAt;
  }
}

