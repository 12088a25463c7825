// A small parser for the Python our action styles write: statements of calls
// (`a.b(1, 'x', k=[2, None])`) separated by `; ` or new lines, and comments.
// Arguments are literals only, as BrowserGym's own action parser (pyparsing,
// action/parsers.py) takes them: strings, numbers, True/False/None, lists,
// tuples. Anything else throws, so a test sees it as not Python.

export type PyValue = string | number | boolean | null | PyValue[];
/** A parsed literal: numbers keep whether they were written as an int. */
export interface PyLiteral { value: PyValue; kind: 'str' | 'int' | 'float' | 'bool' | 'None' | 'list' | 'tuple'; items?: PyLiteral[] }
export interface PyCall { name: string; args: PyLiteral[]; kwargs: Record<string, PyLiteral> }
/** One statement: a call, or a comment (kept so a test can tell a note from a call). */
export type PyStatement = { call: PyCall } | { comment: string };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string { return this.s[this.i] ?? ''; }
  spaces(): void { while (this.peek() === ' ') this.i++; }
  eat(c: string): boolean {
    this.spaces();
    if (!this.s.startsWith(c, this.i)) return false;
    this.i += c.length;
    return true;
  }
  expect(c: string): void {
    if (!this.eat(c)) throw new SyntaxError(`expected ${c} at ${this.i} in ${this.s}`);
  }
  match(re: RegExp): string | null {
    this.spaces();
    const m = new RegExp(re.source, 'y');
    m.lastIndex = this.i;
    const found = m.exec(this.s);
    if (!found) return null;
    this.i += found[0].length;
    return found[0];
  }
}

function parseString(r: Reader): string {
  const quote = r.peek();
  r.i++;
  let out = '';
  for (;;) {
    const c = r.s[r.i++];
    if (c === undefined || c === '\n') throw new SyntaxError(`unterminated string in ${r.s}`);
    if (c === quote) return out;
    if (c !== '\\') { out += c; continue; }
    const e = r.s[r.i++] ?? '';
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      out += String.fromCodePoint(parseInt(r.s.slice(r.i, r.i + hex), 16));
      r.i += hex;
    } else if (e in ESCAPES) out += ESCAPES[e];
    else out += `\\${e}`; // Python keeps an unknown escape as written
  }
}

function parseItems(r: Reader, close: string): PyLiteral[] {
  const items: PyLiteral[] = [];
  while (!r.eat(close)) {
    items.push(parseLiteral(r));
    if (!r.eat(',')) { r.expect(close); break; }
  }
  return items;
}

function parseLiteral(r: Reader): PyLiteral {
  r.spaces();
  const c = r.peek();
  if (c === "'" || c === '"') return { value: parseString(r), kind: 'str' };
  if (r.eat('[')) { const items = parseItems(r, ']'); return { value: items.map((x) => x.value), kind: 'list', items }; }
  if (r.eat('(')) { const items = parseItems(r, ')'); return { value: items.map((x) => x.value), kind: 'tuple', items }; }
  const word = r.match(/True|False|None/);
  if (word) return word === 'None' ? { value: null, kind: 'None' } : { value: word === 'True', kind: 'bool' };
  const num = r.match(/-?\d+(\.\d*)?([eE][-+]?\d+)?/);
  if (num) return { value: Number(num), kind: /[.eE]/.test(num) ? 'float' : 'int' };
  throw new SyntaxError(`not a literal at ${r.i} in ${r.s}`);
}

function parseCall(r: Reader): PyCall {
  const name = r.match(/[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/);
  if (!name) throw new SyntaxError(`expected a call at ${r.i} in ${r.s}`);
  r.expect('(');
  const args: PyLiteral[] = [];
  const kwargs: Record<string, PyLiteral> = {};
  while (!r.eat(')')) {
    const save = r.i;
    const key = r.match(/[A-Za-z_][A-Za-z0-9_]*(?= *=(?!=))/);
    if (key) {
      r.expect('=');
      if (key in kwargs) throw new SyntaxError(`keyword argument repeated: ${key}`);
      kwargs[key] = parseLiteral(r);
    } else {
      r.i = save;
      if (Object.keys(kwargs).length) throw new SyntaxError(`positional argument follows keyword argument in ${r.s}`);
      args.push(parseLiteral(r));
    }
    if (!r.eat(',')) { r.expect(')'); break; }
  }
  return { name, args, kwargs };
}

/** The statements of a line (or lines) of Python calls; throws on anything else. */
export function parsePython(code: string): PyStatement[] {
  const out: PyStatement[] = [];
  for (const line of code.split('\n')) {
    const r = new Reader(line);
    for (;;) {
      r.spaces();
      if (r.i >= line.length) break;
      if (r.peek() === '#') { out.push({ comment: line.slice(r.i + 1).trim() }); break; }
      out.push({ call: parseCall(r) });
      r.spaces();
      if (r.i < line.length && !r.eat(';') && r.peek() !== '#') throw new SyntaxError(`unexpected text at ${r.i} in ${line}`);
    }
  }
  return out;
}
