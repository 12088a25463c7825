// Links written in page text ("https://app…/reset?email=…&token=…"): only the
// secret parts go. The values of credential-named query and fragment
// parameters and user:password@ are spans; the scheme, host, path and the
// other parameters stay, so the link still says where it pointed.
import { SENSITIVE_URL_PARAM } from './recognizers';
import { NO_SPANS, type Span, type SpanFinder } from './finder';

const URL_IN_TEXT = /\b(?:https?|wss?|ftp):\/\/[^\s<>"'`]+/gi;

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Spans of secret values inside one URL that starts at `offset`. */
export function urlSecretSpans(url: string, offset = 0): Span[] {
  const spans: Span[] = [];
  const auth = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#\s]+)@/i.exec(url);
  if (auth?.[1]) spans.push({ start: offset + url.indexOf(auth[1]), end: offset + url.indexOf(auth[1]) + auth[1].length });
  const q = url.search(/[?#]/);
  if (q < 0) return spans;
  const pairs = /([^?#&=;]+)=([^&#;]*)/g;
  pairs.lastIndex = q;
  for (let m = pairs.exec(url); m; m = pairs.exec(url)) {
    if (!m[2] || !SENSITIVE_URL_PARAM.test(decoded(m[1]!))) continue;
    const start = offset + m.index + m[1]!.length + 1;
    spans.push({ start, end: start + m[2].length });
  }
  return spans;
}

export function findUrlSecrets(text: string): readonly Span[] {
  if (!text.includes('://')) return NO_SPANS;
  const spans: Span[] = [];
  URL_IN_TEXT.lastIndex = 0;
  for (let m = URL_IN_TEXT.exec(text); m; m = URL_IN_TEXT.exec(text)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    spans.push(...urlSecretSpans(url, m.index));
  }
  return spans;
}

export const urlSecretFinder: SpanFinder = { name: 'url_secrets', tag: 'SECRET', find: findUrlSecrets };
