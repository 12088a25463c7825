// The config keys of the built-in finders (finders.ts), without the finders:
// checking a config must not load the phone metadata, the date parsers and
// the vendor rule set. A unit test keeps the two lists equal.
export const BUILTIN_FINDER_NAMES: readonly string[] = ['phone', 'vendor_secrets', 'url_secrets', 'labelled_value', 'username', 'postal_address'];
