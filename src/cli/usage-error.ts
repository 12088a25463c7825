/** A command line the CLI cannot run: said with the usage, exit status 2. */
export class UsageError extends Error {}
