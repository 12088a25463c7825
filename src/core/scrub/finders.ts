// The built-in recognisers that are code, in one list: the scrubber runs
// them and the config knows their names.
import type { SpanFinder } from './finder';
import { FINDER_NAMES, type FinderName } from './recognizers/names';
import { phoneFinder } from './phone-finder';
import { vendorSecretFinder } from './vendor-secret-finder';
import { urlSecretFinder } from './url-secret-finder';
import { labelledValueFinder } from './labelled-value-finder';
import { usernameFinder } from './username-finder';
import { addressFinder } from './address-finder';

const FINDERS = {
  phone: phoneFinder, vendor_secrets: vendorSecretFinder, url_secrets: urlSecretFinder, labelled_value: labelledValueFinder,
  username: usernameFinder, postal_address: addressFinder,
} satisfies Record<FinderName, SpanFinder>;

export const BUILTIN_FINDERS: readonly SpanFinder[] = FINDER_NAMES.map((name) => FINDERS[name]);
