// Preloaded into a command the bench runs (node --require): prints the
// process's peak RSS on stderr as it exits, so the bench measures the real CLI.
process.on('exit', () => { process.stderr.write(`\npeak_rss_bytes=${process.resourceUsage().maxRSS * 1024}\n`); });
