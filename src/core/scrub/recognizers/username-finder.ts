// Usernames and handles: "@handle" (not an e-mail, not "@media"), "u/name",
// "ssh name@host", "for user 'name'", and the value after a username label
// in any supported language ("Benutzername: …", "Signed in as …").
import { CUES, cueAlternation, cueGate, L } from '../cues';
import type { Span, SpanFinder } from '../finder';

const HANDLE = /(?<![\w@/.+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?)(?![\w@-]|\.[A-Za-z]{2,}|\/)/g;
const REDDIT = /(?<![\w/])u\/[A-Za-z0-9_-]{3,30}(?![\w/-])/g;
// user@host where the host is not a mail domain: an IP, a bare host name, or after ssh/scp/sftp.
const SHELL_USER = /(?<![\w.@-])([a-z_][a-z0-9_.-]{0,31})@(?=(?:\d{1,3}\.){3}\d{1,3}|[a-z0-9-]+(?![\w.-])|\[)/gi;
const SSH_USER = /\b(?:ssh|scp|sftp|rsync|mosh)\s+(?:-\S+\s+)*([a-z_][a-z0-9_.-]{0,31})@/gi;
// Log lines that name an account: sshd, PAM, su/sudo ("Accepted publickey for ana from", "Invalid user admin from").
const LOG_USER = /\b(?:accepted (?:publickey|password|keyboard-interactive\/pam) for|failed (?:publickey|password|none) for(?: invalid user)?|invalid user|session (?:opened|closed) for user|authentication failure;.*?\buser=|pam_unix\(\S+\): .*?for user)\s*([a-z_][a-z0-9_.-]{0,31})(?=[\s,;)]|$)/gi;
const FOR_USER = /\b(?:for|of|by)\s+(?:user|account|login|role)\s+(["'`‘“])([^"'`’”\s]{1,64})\1?/gi;
// A one-word label needs a colon ("Login: ana", not "login failed"); a phrase does not ("signed in as ana").
const LABEL = new RegExp(`(?<![${L}])(?:(?:${cueAlternation(CUES.username.filter((c) => !c.includes(' ')))})\\s*[:=]|(?:${cueAlternation(CUES.username.filter((c) => c.includes(' ')))})\\s*[:=]?)\\s*["'“]?([\\p{L}\\p{N}_.@+-]{2,64})`, 'giu');
const mayHaveLabel = cueGate([...CUES.username, 'for', 'of', 'by']);

// Handles after the platform that gives them: "GitHub: kvasnicka-j", "Steam ID: dune_rider", "Discord: wren#4471",
// "on Telegram as lmarek", "I'm mossydune873 on Discord", "my Instagram is @…", "linkedin.com/in/jane-roe".
const PLATFORMS = ['github', 'gitlab', 'bitbucket', 'codeberg', 'sourcehut', 'twitter', 'x (twitter)', 'twitter/x', 'instagram', 'discord', 'telegram', 'skype', 'steam', 'steam id', 'twitch',
  'reddit', 'mastodon', 'fediverse', 'bluesky', 'linkedin', 'keybase', 'slack', 'tiktok', 'youtube', 'snapchat', 'facebook', 'xbox', 'xbox gamertag', 'gamertag', 'psn', 'psn id',
  'playstation id', 'epic games', 'battletag', 'docker hub', 'dribbble', 'behance', 'substack', 'wechat', 'kakaotalk', 'viber', 'threema', 'xing', 'weibo'];
const PLATFORM = `(?:${cueAlternation(PLATFORMS)})`;
// A handle ends where a link's path, an e-mail's @ or a word goes on ("linkedin.com/in/…" is read by the link form).
const HANDLE_VALUE = '@?([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?(?:#\\d{4})?)(?![/\\w@-]|\\.[\\w/])';
const PLATFORM_RE = new RegExp([
  // "GitHub: x", "Steam ID: x", "Slack handle: @x", "X (Twitter): @x", "GitLab user x"
  `(?<![${L}])${PLATFORM}(?:[ -]?(?:handle|id|user(?:name)?|name|account|tag|profile|nick(?:name)?))?\\s*(?:[:=：]\\s*|\\s+user\\s+)${HANDLE_VALUE}`,
  // "on Discord as x", "my Telegram is @x"
  `(?<![${L}])(?:on|at) ${PLATFORM} (?:as|is) ${HANDLE_VALUE}`,
  `(?<![${L}])my ${PLATFORM}(?: handle| username| id| name)? is ${HANDLE_VALUE}`,
  // "I'm x on Discord", "I am @x on Twitter"
  `(?<![${L}])(?:i'?m|i am) ${HANDLE_VALUE} (?:on|at) ${PLATFORM}(?![${L}])`,
  // Profile links: github.com/x, linkedin.com/in/x, t.me/x, twitch.tv/x, youtube.com/@x
  `(?<![\\w.-])(?:github\\.com|gitlab\\.com|twitter\\.com|x\\.com|instagram\\.com|linkedin\\.com/in|reddit\\.com/u(?:ser)?|t\\.me|twitch\\.tv|youtube\\.com/@?|tiktok\\.com/@|medium\\.com/@|keybase\\.io|bsky\\.app/profile|codeberg\\.org|steamcommunity\\.com/id)/${HANDLE_VALUE}`,
].join('|'), 'giu');
const mayHavePlatform = cueGate([...PLATFORMS, 'medium', 't.me']);
/** Words after a platform that are no handle: "GitHub: sign in", "Discord: join the server". */
const NOT_A_HANDLE = /^(?:sign|log|join|the|a|an|our|your|my|see|follow|open|download|connect|link|linked|not|none|n\/a|yes|no|on|off|enabled|disabled|account|profile|page|server|channel|app|and|or|is|are|for|to|in|at|with|us|me|here|there|login|signup|settings|home|about|help|features|pricing|docs|blog|orgs|topics|explore|marketplace|search|login|share|intent|hashtag|watch|channel|c|user|company|school|posts|feed|jobs|in)$/i;

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
  if (/(?:for|invalid) /i.test(text) && /\b(?:accepted|failed|invalid|session|authentication|pam_unix)\b/i.test(text)) {
    LOG_USER.lastIndex = 0;
    for (let m = LOG_USER.exec(text); m; m = LOG_USER.exec(text)) {
      const s = group(m, 1);
      if (s) spans.push(s);
    }
  }
  if (mayHavePlatform(text)) {
    PLATFORM_RE.lastIndex = 0;
    for (let m = PLATFORM_RE.exec(text); m; m = PLATFORM_RE.exec(text)) {
      const at = m.slice(1).findIndex((g) => g !== undefined);
      const value = m[at + 1];
      if (!value || NOT_A_HANDLE.test(value) || (value.length < 3 && !/\d/.test(value))) continue;
      const start = m.index + m[0].lastIndexOf(value);
      spans.push({ start, end: start + value.length });
    }
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
