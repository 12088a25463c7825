// Usernames and handles: "@handle" (not an e-mail, not "@media"), "u/name",
// "ssh name@host", "for user 'name'", and the value after a username label
// in any supported language ("Benutzername: …", "Signed in as …").
import { CUES, cueAlternation, cueGate, L } from './cues';
import type { Span, SpanFinder } from './finder';

const HANDLE = /(?<![\w@/.+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?)(?![\w@-]|\.[A-Za-z]{2,}|\/)/g;
const REDDIT = /(?<![\w/])u\/[A-Za-z0-9_-]{3,30}(?![\w/-])/g;
// user@host where the host is not a mail domain: an IP, a bare host name, or after ssh/scp/sftp.
const SHELL_USER = /(?<![\w.@-])([a-z_][a-z0-9_.-]{0,31})@(?=(?:\d{1,3}\.){3}\d{1,3}|[a-z0-9-]+(?![\w.-])|\[)/gi;
const SSH_USER = /\b(?:ssh|scp|sftp|rsync|mosh)\s+(?:-\S+\s+)*([a-z_][a-z0-9_.-]{0,31})@/gi;
const FOR_USER = /\b(?:for|of|by)\s+(?:user|account|login|role)\s+(["'`‘“])([^"'`’”\s]{1,64})\1?/gi;
// A one-word label needs a colon ("Login: ana", not "login failed"); a phrase does not ("signed in as ana").
const LABEL = new RegExp(`(?<![${L}])(?:(?:${cueAlternation(CUES.username.filter((c) => !c.includes(' ')))})\\s*[:=]|(?:${cueAlternation(CUES.username.filter((c) => c.includes(' ')))})\\s*[:=]?)\\s*["'“]?([\\p{L}\\p{N}_.@+-]{2,64})`, 'giu');
const mayHaveLabel = cueGate([...CUES.username, 'for', 'of', 'by']);

/** CSS at-rules and decorators that look like handles. */
const NOT_HANDLES = new Set(['media', 'import', 'keyframes', 'font-face', 'supports', 'charset', 'page', 'layer', 'container', 'property', 'param', 'return', 'returns', 'type', 'override', 'deprecated', 'example', 'see', 'since', 'todo']);

function group(m: RegExpExecArray, n: number): Span | null {
  const value = m[n];
  if (!value) return null;
  const start = m.index + m[0].lastIndexOf(value);
  return { start, end: start + value.length };
}

export function findUsernames(text: string): Span[] {
  const spans: Span[] = [];
  if (text.includes('@')) {
    HANDLE.lastIndex = 0;
    for (let m = HANDLE.exec(text); m; m = HANDLE.exec(text)) if (!NOT_HANDLES.has(m[1]!.toLowerCase())) spans.push({ start: m.index, end: m.index + m[0].length });
    for (const re of [SHELL_USER, SSH_USER]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const s = group(m, 1);
        if (s) spans.push(s);
      }
    }
  }
  if (text.includes('u/')) {
    REDDIT.lastIndex = 0;
    for (let m = REDDIT.exec(text); m; m = REDDIT.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  // Labels need a colon or "=", or are phrases ("signed in as"); "for user '…'" needs a quote.
  if (!/[:=＝：'"`‘“]| (?:as|als|que|som) /i.test(text) || !mayHaveLabel(text)) return spans;
  FOR_USER.lastIndex = 0;
  for (let m = FOR_USER.exec(text); m; m = FOR_USER.exec(text)) {
    const s = group(m, 2);
    if (s) spans.push(s);
  }
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    const s = group(m, 1);
    if (s) spans.push(s);
  }
  return spans;
}

export const usernameFinder: SpanFinder = { name: 'username', tag: 'USERNAME', find: findUsernames };
