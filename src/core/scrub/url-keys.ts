// Which URL parameters hold a secret, by name, wherever the parameter sits:
// the query, a hash route's query, a matrix parameter (;jsessionid=…), or a
// URL nested in another's parameter. A name is read as words
// (verification_code, authCode, X-Amz-Signature), so a secret word anywhere
// in it counts; a word that says what kind of code it is (country_code,
// promo_code) keeps it public.

// Whole names: vendors' and protocols' own, and words too short to match inside a name.
const NAMES = new Set([
  'key', 'auth', 'authorization', 'sid', 'jsessionid', 'phpsessid', 'aspsessionid', 'state', 'nonce', 'ticket', 'samlresponse', 'samlrequest',
  'x-amz-credential', 'x-amz-signature', 'x-amz-security-token', 'x-goog-signature', 'x-goog-credential', 'apikey', 'api_key', 'api-key',
  'access_key', 'access-key', 'accesskey', 'client_secret', 'sig', 'sign',
]);
// A key is a secret when it says whose or what for: api_key, X-Api-Key, signingKey (sort_key is not).
const KEY_KINDS = new Set(['api', 'access', 'secret', 'private', 'client', 'app', 'account', 'license', 'licence', 'signing', 'master', 'subscription', 'auth', 'encryption', 'session']);
// Words that make a name secret wherever they are in it.
const WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'pw', 'pass', 'passcode', 'session', 'sessionid', 'otp', 'totp', 'mfa', '2fa',
  'sig', 'signature', 'hmac', 'nonce', 'ticket', 'credential', 'credentials', 'code', 'auth', 'apikey', 'pin',
]);
// Parts of a name longer words are made of, matched inside a word: accesstoken, sessionkey, resetpassword.
const INSIDE = /token|secret|password|passwd|session|signature|credential/;
// What kind of code or token a name is about when it is not a credential.
const PUBLIC_QUALIFIERS = new Set([
  'country', 'zip', 'postal', 'post', 'area', 'lang', 'language', 'locale', 'currency', 'promo', 'coupon', 'discount', 'voucher', 'gift',
  'product', 'item', 'sku', 'error', 'status', 'response', 'http', 'color', 'colour', 'font', 'qr', 'bar', 'region', 'iso', 'airport',
  'station', 'dial', 'phone', 'tax', 'class', 'source', 'type', 'referral', 'ref', 'campaign', 'tracking', 'state',
]);
// Parameters whose value is public although their name says token: the kind of a token, not the token.
const PUBLIC_NAMES = new Set(['token_type', 'tokentype', 'token-type', 'response_type', 'grant_type', 'code_challenge_method']);

/** The words of a parameter name: split at _ - . and spaces, and where camelCase turns. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.\-[\]]+/).filter(Boolean);
}

/** A short name's value is a secret only if it looks generated: t=42s and t=1699999999 are times, t=Zq8RkT2v… is a key. */
function looksGenerated(value: string): boolean {
  if (value.length >= 16 && !/^\d+$/.test(value)) return true;
  return value.length >= 8 && /\d/.test(value) && /[A-Za-z]/.test(value) && !/^\d+[a-z]{1,3}$/i.test(value);
}

/** Is the parameter `name` (decoded) with this `value` (decoded) a credential? */
export function isSecretParam(name: string, value: string): boolean {
  if (!value) return false;
  const lower = name.trim().toLowerCase().replace(/^amp;/, '');
  if (PUBLIC_NAMES.has(lower)) return false;
  if (lower === 't' || lower === 'tk') return looksGenerated(value);
  if (NAMES.has(lower)) return true;
  const words = wordsOf(name.trim().replace(/^amp;/i, ''));
  if (words.some((w) => PUBLIC_QUALIFIERS.has(w)) && !words.some((w) => w !== 'code' && (WORDS.has(w) || INSIDE.test(w)))) return false;
  return words.some((w) => WORDS.has(w) || INSIDE.test(w)) || (words.includes('key') && words.some((w) => KEY_KINDS.has(w)));
}
