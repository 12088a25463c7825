// A credential carried as a path segment, not a parameter: /reset/<token>, /verify/<token>, /invite/<token>.
// The segment goes only after a word of such a route and only when it looks generated (letters and digits mixed,
// no word structure), so /reset/password, /invite/team-members and a blog slug stay.
import { looksRandom } from './validators';

/** Route words after which a generated segment is a one-time credential (a reset, sign-in, invite or unsubscribe link). */
const TOKEN_ROUTES = new Set([
  'reset', 'reset-password', 'password-reset', 'resetpassword', 'reset_password', 'verify', 'verify-email', 'verification', 'confirm',
  'confirm-email', 'confirmation', 'activate', 'activation', 'invite', 'invites', 'invitation', 'invitations', 'magic', 'magic-link',
  'token', 'tokens', 'unsubscribe', 'recover', 'recovery', 'claim', 'accept-invite', 'set-password', 'setup-password', 'onetime', 'one-time',
]);

/** Words that make a longer route segment one of those ('password-reset-confirm', 'reset.php', 'email_verification'). */
const ROUTE_WORDS = new Set([
  'reset', 'resetpassword', 'verify', 'verification', 'confirm', 'confirmation', 'activate', 'activation', 'invite', 'invites',
  'invitation', 'invitations', 'magic', 'magiclink', 'token', 'tokens', 'unsubscribe', 'recover', 'recovery', 'claim', 'onetime',
]);
/** A server page's extension on a route segment (reset.php, verify.aspx). */
const PAGE_EXTENSION = /\.(?:php\d?|aspx?|jsp|html?|cgi|do|action)$/;

/** Is this (raw) path segment a word of a token route, alone or among the words of a longer one? */
export function isTokenRoute(segment: string): boolean {
  const lower = segment.toLowerCase();
  const s = lower.includes('.') ? lower.replace(PAGE_EXTENSION, '') : lower;
  if (TOKEN_ROUTES.has(s)) return true;
  if (s.length > 64) return false;
  // Every path segment of every link comes here: a segment of one word needs no split.
  return s.includes('-') || s.includes('_') ? s.split(/[-_]/).some((w) => ROUTE_WORDS.has(w)) : ROUTE_WORDS.has(s);
}

/**
 * A generated value: 16+ URL-safe characters, letters and digits mixed with many distinct characters, and not a
 * slug (words, numbers and short codes joined by - _ or .: "how-to-reset-2fa-in-5-steps").
 */
export function looksLikePathToken(segment: string): boolean {
  if (segment.length < 16 || segment.length > 512 || !/^[A-Za-z0-9_.~=-]+$/.test(segment)) return false;
  if (segment.split(/[-_.]/).every((w) => /^(?:[A-Z]?[a-z]+|\d+|[a-z\d]{1,4})$/.test(w))) return false;
  return looksRandom(segment);
}

/** A relative path written in text that holds a token route ("/reset/Zq8RkT2vLm9XwN4pYs7H"): read as a link. */
export const TOKEN_ROUTE_IN_TEXT = new RegExp(
  `(?:^|/)[A-Za-z_-]{0,40}?(?:${[...TOKEN_ROUTES, ...ROUTE_WORDS].join('|')})[A-Za-z_-]{0,40}(?:\\.[a-z]{2,6}\\d?)?/[A-Za-z0-9_.~=-]{16}`, 'i',
);
