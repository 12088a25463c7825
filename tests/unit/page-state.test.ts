import { describe, expect, it } from 'vitest';
import { isRestrictedPage } from '../../src/core/page-state';

describe('isRestrictedPage', () => {
  it.each([
    ['chrome://version', true], ['chrome-extension://abc/popup.html', true], ['about:blank', true], ['file:///tmp/x.html', true],
    ['https://chromewebstore.google.com/detail/x', true], ['https://chrome.google.com/webstore/category', true],
    ['https://addons.mozilla.org/en-US/firefox/', true], ['https://support.mozilla.org/kb', true], ['about:preferences', true],
    ['https://mozilla.org/', false], ['https://addons.mozilla.org.example.com/', false],
    ['https://example.com/', false], ['http://127.0.0.1:8080/demo/', false], ['https://chrome.google.com/other', false],
  ])('%s -> %s', (url, restricted) => expect(isRestrictedPage(url)).toBe(restricted));
});
