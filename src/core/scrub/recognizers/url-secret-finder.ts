// Links written in page text: only the secret parts go. A link is an
// absolute URL ("https://app…/reset?email=…&token=…"), or a relative one that
// carries parameters (a log line's "GET /auth/callback?code=…", "/b/roadmap?session=…",
// an href="…" in HTML shown as text, "#access_token=…"). Each is read whole
// (url-parts.ts); the values of credential-named parameters and user:password@
// are spans, and the scheme, host, path and the other parameters stay, so
// the link still says where it pointed.
import { urlPieces } from '../url-parts';
import { TOKEN_ROUTE_IN_TEXT } from '../url-path-token';
import { NO_SPANS, type Span, type SpanFinder } from '../finder';

export { urlSecretSpans } from '../url-parts';

// A run of characters a URL can hold in text: quotes, brackets and spaces end it. Each match consumes its run, so linear.
const TOKEN = /[^\s<>"'`]+/g;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const PATH_LIKE = /^[\w.~%-]*$/;
// Punctuation that ends a sentence, not the link ("see https://…/x?a=b.").
const TRAILING = '.,;:!?)]}';

/** Where the link in a token starts, or -1: at its scheme, else at a relative reference that carries parameters. */
function linkStart(token: string, routes: boolean): number {
  // Found from "://" backwards, not by a pattern tried at every position (quadratic on a long run of letters).
  const colon = token.indexOf('://');
  if (colon > 0) {
    let start = colon;
    while (start > 0 && SCHEME_CHAR.test(token[start - 1]!)) start--;
    while (start < colon && !/[A-Za-z]/.test(token[start]!)) start++;
    if (start < colon) return start;
  }
  // A relative path with a token route ("/reset/Zq8R…") is a link without any parameter.
  const route = routes && TOKEN_ROUTE_IN_TEXT.test(token);
  if (!token.includes('=') && !route) return -1;
  const mark = token.search(/[/?#]/);
  if (mark < 0) return -1;
  // "checkout.html?sid=…", "api/v1?key=…" start with their path; "href=/x?…", "(/x?…" at the slash.
  const start = PATH_LIKE.test(token.slice(0, mark)) ? 0 : mark;
  return route || /[?#;]/.test(token.slice(start)) ? start : -1;
}

/** The pieces of each link in `text`, placed in `text`. */
function linkPieces(text: string): { start: number; end: number; secret: boolean }[] {
  // One scan of the text says whether any token may hold a token route: most texts have none.
  const routes = text.includes('/') && TOKEN_ROUTE_IN_TEXT.test(text);
  if (!text.includes('=') && !text.includes('://') && !routes) return [];
  const out: { start: number; end: number; secret: boolean }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = linkStart(m[0], routes);
    if (start < 0) continue;
    let end = m[0].length;
    while (end > start && TRAILING.includes(m[0][end - 1]!)) end--;
    const link = m[0].slice(start, end);
    for (const p of urlPieces(link)) out.push({ start: m.index + start + p.start, end: m.index + start + p.end, secret: p.secret });
  }
  return out;
}

export function findUrlSecrets(text: string): readonly Span[] {
  const spans = linkPieces(text).filter((p) => p.secret).map(({ start, end }) => ({ start, end }));
  return spans.length ? spans : NO_SPANS;
}

/**
 * The other pieces of links in text that are written encoded ('+' or %XX): the rules read them decoded too, as
 * they read a URL field's parts (a card searched for, ?q=4111+1111+1111+1111, has no separator a card pattern knows).
 */
export function encodedUrlPieces(text: string): Span[] {
  return linkPieces(text).filter((p) => !p.secret && /[+%]/.test(text.slice(p.start, p.end))).map(({ start, end }) => ({ start, end }));
}

export const urlSecretFinder: SpanFinder = { name: 'url_secrets', tag: 'SECRET', find: findUrlSecrets };
