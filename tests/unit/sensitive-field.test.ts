// Which fields are sensitive (their typed value never recorded, no key in them a step): one-time and
// verification codes by autocomplete, name, id, label or placeholder, in the forms pages write them;
// fields that only mention a code (a promo code, a country code, a postcode) stay readable.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVE_FIELDS, isSensitiveField, sensitiveFieldTest, type FieldAttributes } from '../../src/core/sensitive-field';
import { defaultConfig } from '../../src/core/scrub/default-config';

const field = (f: Partial<FieldAttributes>): FieldAttributes => ({ tag: 'input', type: 'text', autocomplete: null, name: null, id: null, label: '', ...f });
const shipped = sensitiveFieldTest(defaultConfig().sensitive_fields);

const CODE_FIELDS: [string, Partial<FieldAttributes>][] = [
  ['name verification_code, label "Enter the 6-digit code"', { name: 'verification_code', label: 'Enter the 6-digit code' }],
  ['label "Enter the 6-digit code" alone', { label: 'Enter the 6-digit code' }],
  ['id verificationCode (camelCase)', { id: 'verificationCode' }],
  ['name "code"', { name: 'code' }],
  ['label "Code"', { label: 'Code' }],
  ['placeholder "Enter code"', { label: 'Enter code' }],
  ['name mfa_token', { name: 'mfa_token' }],
  ['label "2FA code"', { label: '2FA code' }],
  ['id twoFactorCode', { id: 'twoFactorCode' }],
  ['label "Authentication code"', { label: 'Authentication code' }],
  ['label "Authenticator app"', { label: 'Code from your authenticator app' }],
  ['name sms-code', { name: 'sms-code' }],
  ['name auth_code', { name: 'auth_code' }],
  ['name access-code', { name: 'access-code' }],
  ['label "Recovery code"', { label: 'Recovery code' }],
  ['label "Backup codes"', { label: 'Backup codes' }],
  ['label "One-time code"', { label: 'One-time code' }],
  ['label "Confirmation code"', { label: 'Confirmation code' }],
  ['label "Enter the code we sent you"', { label: 'Enter the code we sent you' }],
  ['name pin', { name: 'pin' }],
  ['label "PIN"', { label: 'PIN' }],
  ['id cardPin (camelCase)', { id: 'cardPin' }],
  ['name pin_code', { name: 'pin_code' }],
  ['label "Verification"', { label: 'Verification' }],
  ['label "Bestätigungscode"', { label: 'Bestätigungscode' }],
  ['label "TAN"', { label: 'TAN eingeben' }],
  ['label "Code de vérification"', { label: 'Code de vérification' }],
  ['label "Código de verificación"', { label: 'Código de verificación' }],
];

const NOT_SENSITIVE: [string, Partial<FieldAttributes>][] = [
  ['promo code', { name: 'promo_code', label: 'Promo code' }],
  ['coupon code', { id: 'couponCode', label: 'Coupon code' }],
  ['discount code', { label: 'Discount code' }],
  ['voucher code', { name: 'voucher-code' }],
  ['referral code', { label: 'Referral code (optional)' }],
  ['country code', { name: 'country_code', label: 'Country code' }],
  ['area code', { label: 'Area code' }],
  ['currency code', { name: 'currencyCode' }],
  ['language code', { label: 'Language code' }],
  ['product code', { name: 'product_code', label: 'Product code' }],
  ['postcode (an address field only when the config says so, as today)', { name: 'postcode' }],
  ['barcode', { name: 'barcode' }],
  ['QR code', { label: 'QR code text' }],
  ['source code search', { label: 'Search code' }],
  ['code editor', { id: 'code-editor', label: 'Code editor' }],
  ['shipping (holds "pin")', { name: 'shipping_method', label: 'Shipping' }],
  ['spinner', { id: 'spinner-input' }],
  ['opinion', { label: 'Your opinion' }],
  ['pinned note', { name: 'pinned' }],
  ['author', { name: 'author', label: 'Author' }],
  ['verified purchase filter', { label: 'Verified purchases only' }],
  ['task title', { name: 'title', label: 'Task title' }],
];

describe('sensitive fields: one-time and verification codes', () => {
  it.each(CODE_FIELDS)('%s is sensitive', (_name, f) => {
    expect(isSensitiveField(field(f))).toBe(true);
    expect(shipped(field(f))).toBe(true);
  });

  // Sensitive before these rules too: kept here so the new ones are seen beside them.
  it.each([
    ['autocomplete one-time-code', { autocomplete: 'one-time-code', name: 'c1' }],
    ['name otpInput', { name: 'otpInput' }],
    ['name totp', { name: 'totp' }],
    ['zip code (an address part)', { label: 'ZIP code' }],
  ] as [string, Partial<FieldAttributes>][])('%s stays sensitive', (_name, f) => {
    expect(isSensitiveField(field(f))).toBe(true);
    expect(shipped(field(f))).toBe(true);
  });

  it.each(NOT_SENSITIVE)('%s is not', (_name, f) => {
    expect(isSensitiveField(field(f))).toBe(false);
    expect(shipped(field(f))).toBe(false);
  });

  it('a textarea counts, a checkbox or a button never does', () => {
    expect(isSensitiveField(field({ tag: 'textarea', name: 'otp' }))).toBe(true);
    expect(isSensitiveField(field({ type: 'checkbox', name: 'otp' }))).toBe(false);
    expect(isSensitiveField(field({ tag: 'button', name: 'code' }))).toBe(false);
  });

  it('the shipped config/scrubber.yaml lists the same fields as the built-in defaults', () => {
    expect(defaultConfig().sensitive_fields).toEqual(DEFAULT_SENSITIVE_FIELDS);
  });
});

describe('hostile review of issue 23: secret fields named in other words', () => {
  it.each([
    ['label "Enter your six-digit code"', { label: 'Enter your six-digit code' }],
    ['label "We sent a code to +1 *** 55"', { label: 'We sent a code to +1 *** 55. Enter it below' }],
    ['name twoFactorToken', { name: 'twoFactorToken' }],
    ['name smsToken', { name: 'smsToken' }],
    ['name otc', { name: 'otc' }],
    ['label "Secret Recovery Phrase"', { label: 'Secret Recovery Phrase' }],
    ['label "Seed phrase"', { label: 'Seed phrase' }],
    ['label "Private key"', { label: 'Private key' }],
    ['label "API key"', { label: 'API key' }],
    ['label "Access token"', { label: 'Access token' }],
    ['label "Social security number"', { label: 'Social security number' }],
    ['label "Kennwort"', { label: 'Kennwort' }],
    ['label "Contraseña"', { label: 'Contraseña' }],
  ] as [string, Partial<FieldAttributes>][])('%s is sensitive (defaults and shipped config)', (_, f) => {
    expect(isSensitiveField(field(f))).toBe(true);
    expect(shipped(field(f))).toBe(true);
  });

  it.each([['Sort key'], ['Search tokens'], ['We sent you a gift card'], ['Keywords'], ['Promo code']])('label "%s" is not', (label) => {
    expect(isSensitiveField(field({ label }))).toBe(false);
    expect(shipped(field({ label }))).toBe(false);
  });
});

describe("'secret' names a credential as what the field holds, not as the modifier of another noun", () => {
  it.each([
    ['label "Client secret"', { label: 'Client secret' }],
    ['name client_secret', { name: 'client_secret' }],
    ['name clientSecret', { name: 'clientSecret' }],
    ['label "Secret"', { label: 'Secret' }],
    ['name SECRET_KEY', { name: 'SECRET_KEY' }],
    ['name secretToken', { name: 'secretToken' }],
    ['label "Secret answer"', { label: 'Secret answer' }],
    ['label "Webhook secret *"', { label: 'Webhook secret *' }],
    ['label "Secret for the webhook"', { label: 'Secret for the webhook' }],
    // Hostile review: a note after it, a number, and credential nouns the first list missed.
    ['label "Secret (required)"', { label: 'Secret (required)' }],
    ['label "API secret (base64)"', { label: 'API secret (base64)' }],
    ['label "Signing secret (whsec_…)"', { label: 'Signing secret (whsec_…)' }],
    ['label "Secret: "', { label: 'Secret: ' }],
    ['label "Secret 2"', { label: 'Secret 2' }],
    ['label "Secret seed"', { label: 'Secret seed' }],
    ['label "Secret salt"', { label: 'Secret salt' }],
  ] as [string, Partial<FieldAttributes>][])('%s is sensitive (defaults and shipped config)', (_, f) => {
    expect(isSensitiveField(field(f))).toBe(true);
    expect(shipped(field(f))).toBe(true);
  });

  it.each([
    ['label "Secret Santa"', { label: 'Secret Santa' }],
    ['name secret_santa_name', { name: 'secret_santa_name' }],
    ['label "Secret menu item"', { label: 'Secret menu item' }],
    ['label "Secretary"', { label: 'Secretary' }],
    ['label "Secret Santa (gift exchange)"', { label: 'Secret Santa (gift exchange)' }],
    ['label "Secret menu item 2"', { label: 'Secret menu item 2' }],
  ] as [string, Partial<FieldAttributes>][])('%s is not', (_, f) => {
    expect(isSensitiveField(field(f))).toBe(false);
    expect(shipped(field(f))).toBe(false);
  });
});
