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

/** Is this (raw) path segment a word of a token route? */
export const isTokenRoute = (segment: string): boolean => TOKEN_ROUTES.has(segment.toLowerCase());

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
export const TOKEN_ROUTE_IN_TEXT = new RegExp(`(?:^|/)(?:${[...TOKEN_ROUTES].join('|')})/[A-Za-z0-9_.~=-]{16}`, 'i');
