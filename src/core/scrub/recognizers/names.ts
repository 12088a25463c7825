// The names of the built-in recognisers: their keys under `rules:` in
// config/scrubber.yaml and the rule of every span they find. The registry
// (registry.ts) is a Record over these names, so a name without a recogniser,
// or a recogniser without a name, does not compile. Kept apart from the
// registry so that checking a config does not load the phone metadata, the
// date parsers and the vendor rule set. Order is the order the scrubber runs them.
export const PATTERN_NAMES = [
  'email', 'private_key', 'vendor_token', 'url_userinfo', 'jwt', 'aws_access_key', 'aws_secret_key', 'github_token',
  'slack_token', 'stripe_key', 'google_api_key', 'bearer_token', 'secret_assignment', 'labelled_id', 'iban',
  'credit_card', 'ssn', 'ipv4', 'ipv6', 'street_address',
] as const;
export const FINDER_NAMES = ['phone', 'vendor_secrets', 'url_secrets', 'labelled_value', 'username', 'postal_address'] as const;
export const RULE_NAMES = [...PATTERN_NAMES, ...FINDER_NAMES] as const;

export type PatternName = (typeof PATTERN_NAMES)[number];
export type FinderName = (typeof FINDER_NAMES)[number];
export type RuleName = (typeof RULE_NAMES)[number];
