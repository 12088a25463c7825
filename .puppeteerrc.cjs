// Puppeteer must never download its own browser here: tests use the system Chromium.
module.exports = { skipDownload: true };
