// Fields whose value is never recorded: passwords, credentials and card data.
const SENSITIVE_AUTOCOMPLETE = /\b(current-password|new-password|one-time-code|cc-number|cc-csc|cc-exp|cc-exp-month|cc-exp-year|cc-name)\b/i;
const SENSITIVE_NAME = /(pass(word|wd|code)?|pwd|cvv|cvc|csc|ssn|secret|otp|security[-_ ]?code|card[-_ ]?number|iban)/i;

export interface FieldAttributes {
  tag: string;
  type: string | null;
  autocomplete: string | null;
  name: string | null;
  id: string | null;
}

export function isSensitiveField(f: FieldAttributes): boolean {
  if (f.tag !== 'input' && f.tag !== 'textarea') return false;
  if ((f.type ?? '').toLowerCase() === 'password') return true;
  if (f.autocomplete && SENSITIVE_AUTOCOMPLETE.test(f.autocomplete)) return true;
  return SENSITIVE_NAME.test(f.name ?? '') || SENSITIVE_NAME.test(f.id ?? '');
}

export const SENSITIVE_PLACEHOLDER = '<REDACTED:credential>';
