// Fields whose value is never recorded: credentials, card data, and account
// identifiers (username, email, phone, name, address, birth date). Which ones
// is configurable (`sensitive_fields` in scrubber.yaml): autocomplete tokens,
// and patterns matched against a field's name, id, label and placeholder.
// Their values, typed text and textarea bodies become a placeholder, and no
// key typed in them becomes a step (except Enter, Tab and Escape).
import { compileLinear } from './scrub/linear-regex';

export interface FieldAttributes {
  tag: string;
  type: string | null;
  autocomplete: string | null;
  name: string | null;
  id: string | null;
  /** Visible label text and placeholder, when known. */
  label?: string | null;
}

export interface SensitiveFieldsConfig { autocomplete: string[]; names: string[] }

export const DEFAULT_SENSITIVE_FIELDS: SensitiveFieldsConfig = {
  autocomplete: [
    'current-password', 'new-password', 'one-time-code',
    'cc-number', 'cc-csc', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-name', 'cc-given-name', 'cc-family-name',
    'username', 'email', 'tel', 'tel-national', 'tel-local', 'name', 'given-name', 'family-name', 'additional-name', 'nickname',
    'street-address', 'address-line1', 'address-line2', 'address-line3', 'postal-code', 'bday', 'bday-day', 'bday-month', 'bday-year',
  ],
  names: [
    'pass(word|wd|code|phrase)?', 'pwd', 'cvv', 'cvc', 'csc', 'ssn', 'secret', 'otp', 'security[-_ ]?code', 'card[-_ ]?(number|no)', 'iban',
    'user[-_ ]?(name|id)?', 'login', 'account', 'e-?mail', 'phone', 'mobile', 'address', 'street', 'postal|zip[-_ ]?code', 'birth|dob',
  ],
};

export type SensitiveFieldTest = (f: FieldAttributes) => boolean;

export function sensitiveFieldTest(config: SensitiveFieldsConfig = DEFAULT_SENSITIVE_FIELDS): SensitiveFieldTest {
  const tokens = new Set(config.autocomplete.map((t) => t.toLowerCase()));
  // Linear-time: the patterns come from a user's config and run on every field of every page.
  const names = config.names.length ? compileLinear(config.names.map((n) => `(?:${n})`).join('|'), 'i') : null;
  const hit = (s: string | null | undefined): boolean => !!s && !!names && !names.matches(s)[Symbol.iterator]().next().done;
  return (f) => {
    if (f.tag !== 'input' && f.tag !== 'textarea') return false;
    const type = (f.type ?? '').toLowerCase();
    if (type === 'password') return true;
    if (['checkbox', 'radio', 'submit', 'button', 'reset', 'hidden', 'range', 'color', 'image', 'file'].includes(type)) return false;
    // autocomplete="section-x shipping email": any listed token counts.
    if (f.autocomplete && f.autocomplete.toLowerCase().split(/\s+/).some((t) => tokens.has(t))) return true;
    return hit(f.name) || hit(f.id) || hit(f.label);
  };
}

/** The built-in defaults, for code that has no config at hand. */
export const isSensitiveField: SensitiveFieldTest = sensitiveFieldTest();

export const SENSITIVE_PLACEHOLDER = '<REDACTED:credential>';
