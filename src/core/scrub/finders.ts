// The built-in recognisers that are code, in one list: the scrubber runs
// them and the config knows their names.
import type { SpanFinder } from './finder';
import { phoneFinder } from './phone-finder';
import { vendorSecretFinder } from './vendor-secret-finder';
import { urlSecretFinder } from './url-secret-finder';
import { labelledValueFinder } from './labelled-value-finder';
import { usernameFinder } from './username-finder';
import { addressFinder } from './address-finder';

export const BUILTIN_FINDERS: readonly SpanFinder[] = [phoneFinder, vendorSecretFinder, urlSecretFinder, labelledValueFinder, usernameFinder, addressFinder];
