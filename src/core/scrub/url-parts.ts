// A URL read whole, as pieces of the string as written: secret values
// (user info, values of secret-named parameters) and the other values a rule
// may still read (host, path segments, parameter names and values). Between
// and around the pieces is the URL's shape (scheme, delimiters), which stays.
//
// Parameters are read wherever a URL carries them: the query, matrix
// parameters in the path (/cart;jsessionid=…), a fragment that is a route
// with its own query (#/callback?code=…) or a parameter list (#access_token=…),
// and a URL nested, percent-encoded, in a parameter's value
// (?next=%2Fcb%3Fcode%3D…), recursively to a bounded depth.
//
// The WHATWG parser cannot do this: it reports no offsets, and it rewrites the
// URL (encodes, lowercases, resolves dot segments), so the redacted URL would
// not be the one the page had. The split into parts is RFC 3986's own
// (appendix B); value decoding follows application/x-www-form-urlencoded, as
// URLSearchParams does (tests/unit check they agree), keeping where each
// decoded character came from. Each level reads each character a bounded
// number of times, and there are at most MAX_DEPTH levels.
import { isSecretParam } from './url-keys';
import { isTokenRoute, looksLikePathToken } from './url-path-token';

export interface UrlPiece { start: number; end: number; secret: boolean }

const MAX_DEPTH = 4;

// RFC 3986, appendix B, with a scheme as section 3.1 spells it: each part is a run of one character class.
const PARTS = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;

export interface Decoded {
  text: string;
  /** For each UTF-16 unit of `text`, where it starts in the raw string; one more entry for the end. */
  at: number[];
}

const HEX2 = /^[0-9A-Fa-f]{2}$/;

/** UTF-8 bytes to text, each code point placed where its first byte was; a broken sequence is U+FFFD. */
function utf8(bytes: number[], where: number[], out: Decoded): void {
  for (let k = 0; k < bytes.length;) {
    const b = bytes[k]!;
    const n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    let cp = n === 1 ? b : n === 2 ? b & 0x1f : n === 3 ? b & 0x0f : b & 0x07;
    let ok = n > 0 && k + n <= bytes.length;
    for (let j = 1; ok && j < n; j++) {
      const c = bytes[k + j]!;
      ok = c >> 6 === 2;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = [0, 0, 0x80, 0x800, 0x10000][n] ?? 0;
    ok = ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    const ch = ok ? String.fromCodePoint(cp) : '\ufffd';
    for (let u = 0; u < ch.length; u++) out.at.push(where[k]!);
    out.text += ch;
    k += ok ? n : 1;
  }
}

/** A query value or name decoded as a form decodes it ('+' is a space), with where each character came from. */
export function decodeWithOffsets(raw: string): Decoded {
  const out: Decoded = { text: '', at: [] };
  for (let i = 0; i < raw.length;) {
    if (raw[i] === '%' && HEX2.test(raw.slice(i + 1, i + 3))) {
      const bytes: number[] = [];
      const where: number[] = [];
      for (; raw[i] === '%' && HEX2.test(raw.slice(i + 1, i + 3)); i += 3) {
        bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
        where.push(i);
      }
      utf8(bytes, where, out);
      continue;
    }
    out.text += raw[i] === '+' ? ' ' : raw[i]!;
    out.at.push(i);
    i++;
  }
  out.at.push(raw.length);
  return out;
}

/** The first `ch` in url[from, to), else `to`: never reads past the part (indexOf would, once per part: quadratic). */
function find(url: string, ch: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (url[i] === ch) return i;
  return to;
}

/** A value worth reading as a URL of its own: it carries parameters. */
function nestsUrl(value: string): boolean {
  return value.includes('=') && (/^[/?#]/.test(value) || value.includes('?') || URL.canParse(value));
}

/** Decoded again while that makes it a URL with parameters: a redirect encoded twice (…%253Ftoken%253D…). */
function decodedFully(raw: string, depth: number): Decoded {
  let decoded = decodeWithOffsets(raw);
  for (let level = depth; level < MAX_DEPTH && !nestsUrl(decoded.text) && /%[0-9A-Fa-f]{2}/.test(decoded.text); level++) {
    const again = decodeWithOffsets(decoded.text);
    if (!nestsUrl(again.text)) break;
    decoded = { text: again.text, at: again.at.map((i) => decoded.at[i]!) };
  }
  return decoded;
}

function value(url: string, name: string, start: number, end: number, pieces: UrlPiece[], depth: number): void {
  if (start >= end) return;
  const decoded = decodedFully(url.slice(start, end), depth);
  if (isSecretParam(name, decoded.text)) {
    pieces.push({ start, end, secret: true });
    return;
  }
  if (depth < MAX_DEPTH && nestsUrl(decoded.text)) {
    // Pieces of the decoded URL, placed back on the raw value; the raw text between them stays as it was.
    for (const p of urlPieces(decoded.text, depth + 1)) {
      pieces.push({ start: start + decoded.at[p.start]!, end: start + decoded.at[p.end]!, secret: p.secret });
    }
    return;
  }
  pieces.push({ start, end, secret: false });
}

/** Parameters `name=value` split by `sep`, between `from` and `to`. HTML text writes & as &amp;. */
function params(url: string, from: number, to: number, pieces: UrlPiece[], depth: number, sep = '&'): void {
  for (let s = from; s <= to;) {
    const e = find(url, sep, s, to);
    const k = sep === '&' && s > from && url.startsWith('amp;', s) ? s + 4 : s;
    const eq = find(url, '=', k, e);
    if (eq === e) {
      if (e > k) pieces.push({ start: k, end: e, secret: false });
    } else {
      if (eq > k) pieces.push({ start: k, end: eq, secret: false });
      value(url, decodeWithOffsets(url.slice(k, eq)).text, eq + 1, e, pieces, depth);
    }
    s = e + 1;
  }
}

/** Path segments, each with its matrix parameters (;name=value); a generated segment after a token route is a secret. */
function path(url: string, from: number, to: number, pieces: UrlPiece[], depth: number): void {
  let route = false;
  for (let s = from; s < to;) {
    const e = find(url, '/', s, to);
    const semi = find(url, ';', s, e);
    const end = semi < e ? semi : e;
    if (end > s) {
      // Read decoded: a route or token written with escapes (/%72eset/, a token holding %2D) is the same link.
      const raw = url.slice(s, end);
      const segment = raw.includes('%') ? decodeWithOffsets(raw.replace(/\+/g, '%2B')).text : raw;
      pieces.push({ start: s, end, secret: route && looksLikePathToken(segment) });
      route ||= isTokenRoute(segment);
    }
    if (semi < e) params(url, semi + 1, e, pieces, depth, ';');
    s = e + 1;
  }
}

/** A fragment: a route with a query (#/verify?otp=…, #!/…), a parameter list (#access_token=…), a route (#/reset/<token>) or a name. */
function fragment(url: string, from: number, pieces: UrlPiece[], depth: number): void {
  const s = url.startsWith('!', from) ? from + 1 : from;
  const frag = url.slice(s);
  if (frag.includes('?') && depth < MAX_DEPTH) {
    for (const p of urlPieces(frag, depth + 1)) pieces.push({ start: s + p.start, end: s + p.end, secret: p.secret });
  } else if (frag.includes('=')) {
    params(url, s, url.length, pieces, depth);
  } else if (frag) {
    path(url, s, url.length, pieces, depth);
  }
}

/** What makes a fragment more than a name: a route, a query, parameters, matrix parameters, escapes, a hashbang. */
const ANCHOR_MARKS = /[/?=;%!&#]/;

/** The pieces of `url` (absolute or relative), in order, none overlapping. */
export function urlPieces(url: string, depth = 0): UrlPiece[] {
  // An in-page anchor ("#r0i0", "#section-2"), the commonest href: one name, no route, no parameter.
  if (url.length > 1 && url[0] === '#' && !ANCHOR_MARKS.test(url)) return [{ start: 1, end: url.length, secret: false }];
  const m = PARTS.exec(url);
  if (!m) return [];
  const pieces: UrlPiece[] = [];
  let at = m[1] !== undefined ? m[1].length + 1 : 0;
  if (m[2] !== undefined) {
    at += 2;
    const authority = m[2];
    const userEnd = authority.lastIndexOf('@');
    if (userEnd > 0) pieces.push({ start: at, end: at + userEnd, secret: true });
    if (authority.length > userEnd + 1) pieces.push({ start: at + userEnd + 1, end: at + authority.length, secret: false });
    at += authority.length;
  }
  const pathPart = m[3] ?? '';
  path(url, at, at + pathPart.length, pieces, depth);
  at += pathPart.length;
  if (m[4] !== undefined) {
    params(url, at + 1, at + 1 + m[4].length, pieces, depth);
    at += 1 + m[4].length;
  }
  if (m[5] !== undefined) fragment(url, at + 1, pieces, depth);
  return pieces;
}

/** Spans of the secret values in `url`, which starts at `offset` of some text. */
export function urlSecretSpans(url: string, offset = 0): { start: number; end: number }[] {
  return urlPieces(url).filter((p) => p.secret).map((p) => ({ start: offset + p.start, end: offset + p.end }));
}
