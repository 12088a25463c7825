// Every built-in recogniser, patterns and code finders, behind one interface
// (recognizer.ts), in the order the scrubber runs them: the patterns, then the
// finders. Each is a Record over the names in names.ts, so a name without a
// recogniser, or a recogniser without a name, does not compile. Named entities
// (entities.ts) and the config's custom rules are not here: the scrubber runs
// them after these.
import type { SpanFinder } from '../finder';
import { phoneFinder } from './phone-finder';
import { vendorSecretFinder } from './vendor-secret-finder';
import { urlSecretFinder } from './url-secret-finder';
import { labelledValueFinder } from './labelled-value-finder';
import { usernameFinder } from './username-finder';
import { addressFinder } from './address-finder';
import { compilePattern, type Pattern, type PatternSpec } from './pattern';
import { FINDER_NAMES, PATTERN_NAMES, type FinderName, type PatternName, type RuleName } from './names';
import type { Recognizer } from './recognizer';
import { email } from './email';
import { privateKey } from './private-key';
import { vendorToken } from './vendor-token';
import { urlUserinfo } from './url-userinfo';
import { jwt } from './jwt';
import { awsAccessKey } from './aws-access-key';
import { awsSecretKey } from './aws-secret-key';
import { githubToken } from './github-token';
import { slackToken } from './slack-token';
import { stripeKey } from './stripe-key';
import { googleApiKey } from './google-api-key';
import { bearerToken } from './bearer-token';
import { secretAssignment } from './secret-assignment';
import { labelledId } from './labelled-id';
import { iban } from './iban';
import { creditCard } from './credit-card';
import { ssn } from './ssn';
import { ipv4 } from './ipv4';
import { ipv6 } from './ipv6';
import { streetAddress } from './street-address';

/** The patterns, one file each (a recogniser may have several patterns); each pattern's name is its key here. */
const PATTERNS = {
  email,
  private_key: privateKey,
  vendor_token: vendorToken,
  url_userinfo: urlUserinfo,
  jwt,
  aws_access_key: awsAccessKey,
  aws_secret_key: awsSecretKey,
  github_token: githubToken,
  slack_token: slackToken,
  stripe_key: stripeKey,
  google_api_key: googleApiKey,
  bearer_token: bearerToken,
  secret_assignment: secretAssignment,
  labelled_id: labelledId,
  iban,
  credit_card: creditCard,
  ssn,
  ipv4,
  ipv6,
  street_address: streetAddress,
} satisfies Record<PatternName, readonly PatternSpec[]>;

/** The recognisers that are code: a file each here (*-finder.ts), a SpanFinder (../finder.ts) whose name is its key. */
const FINDERS = {
  phone: phoneFinder, vendor_secrets: vendorSecretFinder, url_secrets: urlSecretFinder, labelled_value: labelledValueFinder,
  username: usernameFinder, postal_address: addressFinder,
} satisfies Record<FinderName, SpanFinder>;

export const BUILTIN_PATTERNS: readonly Pattern[] = PATTERN_NAMES.flatMap((name) => PATTERNS[name].map((p) => ({ ...p, name })));
export const BUILTIN_FINDERS: readonly SpanFinder[] = FINDER_NAMES.map((name) => FINDERS[name]);

function fromFinder(name: FinderName, f: SpanFinder): Recognizer {
  return { name, tag: f.tag, kind: 'finder', find: (text) => f.find(text) };
}

/** The built-in recognisers that `enabled` keeps, made for one scrubber (a pattern's regex holds state). */
export function builtinRecognizers(enabled: (name: RuleName) => boolean): Recognizer[] {
  return [
    ...BUILTIN_PATTERNS.filter((p) => enabled(p.name)).map(compilePattern),
    ...FINDER_NAMES.filter((name) => enabled(name)).map((name) => fromFinder(name, FINDERS[name])),
  ];
}
