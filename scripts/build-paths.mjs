// Where each browser's build goes: one place, read by the build, npm start, the tests and the bench.
export const CHROME_BUILD = 'dist/chrome';
export const FIREFOX_BUILD = 'dist/firefox';
