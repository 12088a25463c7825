// The built-in patterns (recognizers/pattern.ts), in the order they run; the
// registry (recognizers/registry.ts) makes each a Recognizer.
import type { Pattern } from './recognizers/pattern';
import { cardStandsAlone, hasDigitOrSymbol, ibanValid, luhn12Valid, ipv4Sensitive, ipv6Valid, looksRandom, luhnValid, ssnValid } from './validators';

const B = '(?<![\\w@.-])'; // not glued to a word on the left
const E = '(?![\\w@-])'; // nor on the right

export const BUILTIN_RECOGNIZERS: Pattern[] = [
  // Also percent-encoded (jane%40example.com), as it appears in query strings shown as text. The lookbehind
  // starts a match only where a run of local-part characters starts: without it every position inside a long
  // run (a hex blob, a base64 state URL) rescanned the rest of it, quadratic (10 s on 100 KB of hex).
  { name: 'email', tag: 'EMAIL', minLength: 6, needsChar: ['@', '%'], pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]+/g },
  {
    name: 'private_key', tag: 'SECRET', minLength: 27,
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    // Tokens with a vendor prefix: OpenAI and Anthropic (sk-…), npm, GitLab, Hugging Face, SendGrid, Twilio,
    // Shopify, DigitalOcean, PyPI, Figma, Linear, Postman, Mailgun, Telegram bots (gitleaks finds these only beside the word).
    name: 'vendor_token', tag: 'API_KEY', minLength: 23,
    pattern: /\b(?:sk-(?=[A-Za-z0-9_-]*\d)(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d{2}-)?[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|SK[0-9a-f]{32}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|do[opr]_v1_[a-f0-9]{64}|pypi-AgE[A-Za-z0-9_-]{50,}|figd_[A-Za-z0-9_-]{30,}|lin_api_[A-Za-z0-9]{30,}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|key-[a-f0-9]{32}|\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
  },
  {
    // user:password@ in any URL written as text (connection strings, curl commands).
    name: 'url_userinfo', tag: 'SECRET', minLength: 9, needsChar: [':'], pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/]+:[^\s@/]+)@/gi, group: 1,
  },
  { name: 'jwt', tag: 'JWT', minLength: 23, needsChar: ['.'], pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  { name: 'aws_access_key', tag: 'API_KEY', minLength: 20, pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  { name: 'aws_secret_key', tag: 'API_KEY', minLength: 44, pattern: /aws.{0,20}(?:secret|private).{0,20}?[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1 },
  { name: 'github_token', tag: 'API_KEY', minLength: 33, pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { name: 'slack_token', tag: 'API_KEY', minLength: 15, pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
  { name: 'stripe_key', tag: 'API_KEY', minLength: 24, pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { name: 'google_api_key', tag: 'API_KEY', minLength: 39, pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { name: 'bearer_token', tag: 'TOKEN', minLength: 23, pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g, group: 1 },
  {
    name: 'secret_assignment', tag: 'SECRET', minLength: 12,
    pattern: /\b(?:api[_-]?key|apikey|secret|client[_-]?secret|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|account[_-]?key|shared[_-]?access[_-]?key|private[_-]?key)\b\s*[:=]\s*["']?([^\s"'<>,;&#]{8,})/gi, group: 1,
  },
  {
    // A key named by its label, as dashboards and docs show it: "DD_API_KEY=…", "Algolia Admin API Key 93b4…",
    // "X-Api-Key: …". The value must look random (letters and digits, 16+ characters), so "API key rotation" stays.
    name: 'secret_assignment', tag: 'SECRET', minLength: 23,
    pattern: /(?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.\- ])?(?:api[_ -]?key|access[_ -]?key|secret[_ -]?key|admin[_ -]?key|app[_ -]?key|auth[_ -]?token|access[_ -]?token|api[_ -]?token|client[_ -]?secret|webhook[_ -]?secret)s?(?:\s*[:=]\s*["']?|\s+)([A-Za-z0-9_\-+/=.]{16,128})(?![A-Za-z0-9_\-+/=])/gi,
    group: 1, validate: looksRandom,
  },
  {
    // "my password is hunter2": only when the word after looks like a secret (a digit or a symbol), so
    // "password is required" stays.
    name: 'secret_assignment', tag: 'SECRET', minLength: 9,
    pattern: /\b(?:password|passcode|passphrase|pwd|pin)\s+(?:is|was|=)\s*[:"']?\s*([^\s"'<>,;]{4,64})/gi, group: 1, validate: hasDigitOrSymbol,
  },
  {
    // Short identifiers that only a label tells apart: card security codes, PINs, dates of birth, passport,
    // licence, account, routing and tax numbers. The value must hold a digit.
    name: 'labelled_id', tag: 'ID', minLength: 6, needsDigit: true,
    pattern: /\b(?:cvv2?|cvc2?|csc|card (?:security|verification) code|security code|pin(?: code| number)?|date of birth|d\.?o\.?b\.?|birth ?date|passport(?: no\.?| number| #)?|driver'?s? licen[cs]e(?: no\.?| number| #)?|licen[cs]e (?:no\.?|number|#)|national (?:id|insurance) (?:no\.?|number)|tax (?:id|number)|(?:bank )?account (?:no\.?|number|#)|sort code|routing (?:no\.?|number)|member (?:id|no\.?|number))\s*[:#]?\s*(?:(?:is|was|=)\s+)?((?=[A-Za-z0-9./-]*\d)[A-Za-z0-9][A-Za-z0-9./-]{2,19})(?![A-Za-z0-9])/gi, group: 1,
  },
  // Either case: the mod-97 checksum keeps ordinary words out.
  { name: 'iban', tag: 'IBAN', minLength: 15, needsDigit: true, pattern: /\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}\b/g, validate: ibanValid, retry: true },
  // Twelve digits (Maestro's shortest) only after a card's label, with the Luhn check: "cc 503802053770", "card 501864667909".
  { name: 'credit_card', tag: 'CARD', minLength: 14, needsDigit: true, pattern: /\b(?:card|cc|credit card|debit card|maestro)(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*(\d{12})(?![\d-])/gi, group: 1, validate: luhn12Valid },
  { name: 'credit_card', tag: 'CARD', minLength: 13, needsDigit: true, pattern: new RegExp(`${B}(?:\\d[ .-]?){12,18}\\d${E}`, 'g'), validate: luhnValid, context: cardStandsAlone, retry: true },
  { name: 'ssn', tag: 'SSN', minLength: 11, needsDigit: true, pattern: new RegExp(`${B}\\d{3}([- ])\\d{2}\\1\\d{4}${E}`, 'g'), validate: ssnValid },
  // Nine bare digits only where a label says what they are.
  { name: 'ssn', tag: 'SSN', minLength: 12, needsDigit: true, pattern: /\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9})\b/gi, group: 1, validate: ssnValid },
  {
    // Not after a version's label: "Version 4.2.1.7", "Build 10.0.1.2" are releases, not hosts.
    name: 'ipv4', tag: 'IP', minLength: 7, needsDigit: true, needsChar: ['.'],
    pattern: /(?<![\w.])(?<!\b(?:[Vv](?:er(?:sion)?)?|VERSION|[Vv]ersi(?:ón|on[ei]|e)|[Vv]ersão|[Ww]ersja|[Ss]ürüm|[Bb]uild|BUILD|[Rr]el(?:ease)?|[Ff]irmware|FW|[Kk]ernel|[Pp]atch|[Uu]pdate)\.?:?\s{0,2})(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)/g,
    validate: ipv4Sensitive,
  },
  { name: 'ipv6', tag: 'IP', minLength: 3, needsChar: [':'], pattern: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])/g, validate: ipv6Valid },
  {
    name: 'street_address', tag: 'ADDRESS', minLength: 7, needsDigit: true,
    pattern: /\b\d{1,6}[A-Z]?\s+(?:[A-Z][a-z]+\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy)\b\.?(?:,?\s+(?:Apt|Suite|Unit|#)\s*[\w-]+)?/g,
  },
];

