// The vendor_token recogniser: one pattern (pattern.ts), listed in registry.ts.
import type { PatternSpec } from './pattern';

export const vendorToken: readonly PatternSpec[] = [
  {
    // Tokens with a vendor prefix: OpenAI and Anthropic (sk-…), npm, GitLab, Hugging Face, SendGrid, Twilio,
    // Shopify, DigitalOcean, PyPI, Figma, Linear, Postman, Mailgun, Telegram bots (gitleaks finds these only beside the word).
    tag: 'API_KEY', minLength: 23,
    pattern: /\b(?:sk-(?=[A-Za-z0-9_-]*\d)(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d{2}-)?[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|SK[0-9a-f]{32}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|do[opr]_v1_[a-f0-9]{64}|pypi-AgE[A-Za-z0-9_-]{50,}|figd_[A-Za-z0-9_-]{30,}|lin_api_[A-Za-z0-9]{30,}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|key-[a-f0-9]{32}|\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
  },
];
