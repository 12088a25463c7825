// Types for find-chrome.mjs, so the CLI (TypeScript) shares the one lookup.
export const INSTALL_HINT: string;
export function findChrome(): string | null;
