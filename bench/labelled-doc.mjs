// Text built from pieces for the privacy evaluation sets; labelled pieces are recorded with their offsets.
export class Doc {
  constructor() { this.text = ''; this.labels = []; }
  say(s) { this.text += s; return this; }
  mark(type, value) {
    this.labels.push({ type, value, start: this.text.length, end: this.text.length + value.length });
    this.text += value;
    return this;
  }
}
