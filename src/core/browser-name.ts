// One name per browser family, for the extension's hosts and the tests alike: Chrome and Chromium run the
// same host (chrome.* APIs, offscreen documents); Firefox runs the other.
export type BrowserName = 'chromium' | 'firefox';
