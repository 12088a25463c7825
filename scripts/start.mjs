// npm start [-- --firefox] [--headless] [--smoke]: the demo page with the extension loaded, in Chromium
// (start-chrome.mjs) or, with --firefox, in Firefox ESR (start-firefox.mjs).
await import(process.argv.includes('--firefox') ? './start-firefox.mjs' : './start-chrome.mjs');
