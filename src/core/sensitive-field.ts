// Fields whose value is never recorded: credentials, one-time codes, card data, and account
// identifiers (username, email, phone, name, address, birth date). Which ones
// is configurable (`sensitive_fields` in scrubber.yaml): autocomplete tokens,
// and patterns matched against a field's name, id, label and placeholder.
// Their values, typed text and textarea bodies become a placeholder, and no
// key typed in them becomes a step (except Enter, Tab and Escape).
import { compileLinear, type LinearPattern } from './scrub/linear-regex';

export interface FieldAttributes {
  /** The element's tag; 'editor' for a contenteditable box or an element whose role is textbox (see SECRET_EDITOR_NAMES). */
  tag: string;
  type: string | null;
  autocomplete: string | null;
  name: string | null;
  id: string | null;
  /** Visible label text and placeholder, when known. */
  label?: string | null;
}

export interface SensitiveFieldsConfig { autocomplete: string[]; names: string[] }

/**
 * One-time and verification codes, written for the word form of a name or label (see `wordsOf`:
 * "verification_code", "verificationCode" and "Verification code" all read " verification code "), so a
 * word stands alone: "PIN" but not "shipping", "auth code" but not "author". A code named by what it
 * proves (verification, sign-in, 2FA, "6-digit") is one; one named by what it buys or where it points
 * (promo, coupon, country, product, postcode) is not: nothing here matches a bare "code" beside other words.
 */
export const ONE_TIME_CODE_NAMES: readonly string[] = [
  // "<what it proves> code": the word before "code" says it is a secret.
  '(^| )(one ?time|verification|verify|confirmation|activation|auth|authentication|access|log ?in|sign ?in|sms|'
    + 'recovery|backup|reset|unlock|2fa|mfa|tfa|totp|2 ?step|two ?step|two ?factor|([0-9]|four|five|six|seven|eight) ?digits?) ?codes?( |$)',
  // A field called just "code" ("Code", "Enter code", "Enter the code"), or the code "we sent".
  '^ (enter )?(the |your )?codes? $',
  '(^| )codes? (we |that we |was |has been )?(sent|texted|emailed)( |$)',
  '(^| )(sent|texted|emailed) (you )?(a |an |the |your )?codes?( |$)',
  '(^| )otc( |$)',
  // Keys and tokens named by what they unlock, and wallet recovery phrases (ordinary words no rule can tell).
  '(^| )(api|secret|private|recovery|access|auth|refresh|bearer|session|sms|otp|2fa|mfa|two factor|totp|license) (keys?|tokens?)( |$)',
  '(^| )(seed|recovery|mnemonic|secret) (phrase|words?)( |$)',
  '(^| )mnemonic( |$)',
  '(^| )social security( |$)',
  'kennwort|passwort|contrase(ñ|n)a|mot de passe|kartennummer',
  '(^| )(pin|pins|pincode|2fa|mfa|tfa|totp|verification|authenticator)( |$)',
  // German, French, Spanish.
  '(best(ä|ae)tigungs|verifizierungs|einmal|sicherheits|zugangs|anmelde)code',
  '(^| )tan( |$)',
  'code (de |d )?(v(é|e)rification|confirmation|s(é|e)curit(é|e)|connexion|acc(è|e)s)',
  'c(ó|o)digo (de )?(verificaci(ó|o)n|confirmaci(ó|o)n|seguridad|acceso)',
];

/**
 * "Secret" as what the field holds: the last word ("Client secret", client_secret, "Secret"), or the modifier of a
 * credential's noun ("secret key", secretToken, "Secret answer"). As the modifier of any other noun it names a kind
 * of thing, not a credential: "Secret Santa", "Secret menu", and "Secretary" stays a word of its own.
 */
export const SECRET_NAMES: readonly string[] = [
  // A number, or a note in brackets or after a colon, ends it too: "Secret 2", "Secret (required)", "API secret (base64)".
  '(^| )secrets?[0-9]* ?([0-9]+ ?)?$', '(^| )secrets?[0-9]* ?[(:\\[]',
  '(^| )secrets? (for|of|to|from) ',
  '(^| )secrets? (keys?|tokens?|phrases?|words?|answers?|questions?|codes?|pins?|values?|ids?|access keys?|strings?|seeds?|salts?|hash(es)?|passphrases?|passwords?|passcodes?|credentials?|signatures?)( |$)',
];

/**
 * A card's security code and a password in the languages of sites that ask for them, where the English names above
 * do not reach (German, French, Dutch, Italian, Portuguese; Dutch, Polish, Russian, Japanese, Chinese).
 */
export const OTHER_LANGUAGE_NAMES: readonly string[] = [
  'kartenpr(ü|ue)f(nummer|ziffer|code)', 'cryptogramme', 'beveiligingscode', 'codice (di )?sicurezza', 'c(ó|o)digo (de )?seguran(ç|c)a',
  'wachtwoord', '(^| )has(ł|l)o( |$)', 'пароль', 'パスワード', '密码', '密碼',
  // Portuguese (Brazil), Korean, Czech, Turkish, Indonesian, Swedish, Vietnamese; a card's code in Japanese and Chinese.
  '(^| )senha( |$)', '비밀번호', '(^| )heslo( |$)', '(^| )şifre( |$)', '(^| )kata sandi( |$)', 'l(ö|o)senord', 'm(ậ|a)t kh(ẩ|a)u',
  'セキュリティコード', '安全码', '安全碼',
];

/**
 * What makes a contenteditable box sensitive: only names of secrets (a password, a card's code, a one-time code,
 * a secret), as whole words. A box is often a whole editor ("Message #accounts-payable", "Email body", an article
 * whose id is user-guide), which the contact-field patterns (account, user, e-mail, phone, address) would mask.
 */
export const SECRET_EDITOR_NAMES: readonly string[] = [
  '(^| )(pass(word|wd|code|phrase)s?|pwd|cvv|cvc|csc|ssn|otp|iban)( |$)', '(^| )security codes?( |$)', '(^| )card (number|no)( |$)',
  ...SECRET_NAMES, ...ONE_TIME_CODE_NAMES, ...OTHER_LANGUAGE_NAMES,
];
/**
 * Compiled at first use, not at import: the content script imports this module in every frame of every page, and
 * compiling the patterns there cost each page load several ms, recording or not (see content/redactor-loader).
 */
let secretEditorNames: LinearPattern | null = null;
const secretEditorPattern = (): LinearPattern => (secretEditorNames ??= compileLinear(SECRET_EDITOR_NAMES.map((n) => `(?:${n})`).join('|'), 'i'));

export const DEFAULT_SENSITIVE_FIELDS: SensitiveFieldsConfig = {
  autocomplete: [
    'current-password', 'new-password', 'one-time-code',
    'cc-number', 'cc-csc', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-name', 'cc-given-name', 'cc-family-name',
    'username', 'email', 'tel', 'tel-national', 'tel-local', 'name', 'given-name', 'family-name', 'additional-name', 'nickname',
    'street-address', 'address-line1', 'address-line2', 'address-line3', 'address-level1', 'address-level2', 'postal-code',
    'bday', 'bday-day', 'bday-month', 'bday-year',
  ],
  names: [
    'pass(word|wd|code|phrase)?', 'pwd', 'cvv', 'cvc', 'csc', 'ssn', ...SECRET_NAMES, 'otp', 'security[-_ ]?code', 'card[-_ ]?(number|no)', 'iban',
    'user[-_ ]?(name|id)?', 'login', 'account', 'e-?mail', 'phone', 'mobile', 'address', 'street', 'postal|zip[-_ ]?code', 'birth|dob',
    ...ONE_TIME_CODE_NAMES, ...OTHER_LANGUAGE_NAMES,
  ],
};

export type SensitiveFieldTest = (f: FieldAttributes) => boolean;

/**
 * A name or label as lowercase words between single spaces, with a space at each end: camelCase, snake_case,
 * kebab-case and punctuation all split ("verificationCode" -> " verification code "). Patterns that need a
 * word to stand alone match here; the raw text is tried too, so patterns written for it keep working.
 */
export function wordsOf(s: string): string {
  const words = s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return ` ${words} `;
}

/**
 * The config's field-name patterns as the one pattern a test runs (null for none). Each compiles alone, yet the
 * alternation can still fail (two names defining the same named group): the config check compiles this too.
 */
export function namesPattern(names: readonly string[]): LinearPattern | null {
  return names.length ? compileLinear(names.map((n) => `(?:${n})`).join('|'), 'i') : null;
}

export function sensitiveFieldTest(config: SensitiveFieldsConfig = DEFAULT_SENSITIVE_FIELDS): SensitiveFieldTest {
  const tokens = new Set(config.autocomplete.map((t) => t.toLowerCase()));
  // Linear-time: the patterns come from a user's config and run on every field of every page.
  const names = namesPattern(config.names);
  const matches = (s: string): boolean => !!names && !names.matches(s)[Symbol.iterator]().next().done;
  const hit = (s: string | null | undefined): boolean => !!s && (matches(s) || matches(wordsOf(s)));
  const secretWords = (s: string | null | undefined): boolean => !!s && !secretEditorPattern().matches(wordsOf(s))[Symbol.iterator]().next().done;
  return (f) => {
    if (f.tag === 'editor') {
      return (!!f.autocomplete && f.autocomplete.toLowerCase().split(/\s+/).some((t) => tokens.has(t)))
        || secretWords(f.name) || secretWords(f.id) || secretWords(f.label);
    }
    if (f.tag !== 'input' && f.tag !== 'textarea') return false;
    const type = (f.type ?? '').toLowerCase();
    if (type === 'password') return true;
    if (['checkbox', 'radio', 'submit', 'button', 'reset', 'hidden', 'range', 'color', 'image', 'file'].includes(type)) return false;
    // autocomplete="section-x shipping email": any listed token counts.
    if (f.autocomplete && f.autocomplete.toLowerCase().split(/\s+/).some((t) => tokens.has(t))) return true;
    return hit(f.name) || hit(f.id) || hit(f.label);
  };
}

/** The built-in defaults, for code that has no config at hand (built at its first field, like the patterns above). */
let defaultTest: SensitiveFieldTest | null = null;
export const isSensitiveField: SensitiveFieldTest = (f) => (defaultTest ??= sensitiveFieldTest())(f);

export const SENSITIVE_PLACEHOLDER = '<REDACTED:credential>';
