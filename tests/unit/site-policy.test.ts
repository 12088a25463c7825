import { describe, expect, it } from 'vitest';
import { sitePolicy } from '../../src/core/site-policy';
import { hostMatches } from '../../src/core/scrub/config';

const sites = { never_record: ['bank.example', '10.0.0.5'], no_screenshots: ['mail.example'] };

describe('sitePolicy on raw URLs', () => {
  it.each([
    ['an ordinary site', 'https://shop.example/cart', undefined, { record: true, screenshots: true }],
    ['an excluded site and its subdomains', 'https://login.bank.example/', undefined, { record: false, screenshots: false }],
    ['an IP-addressed excluded site (a scrubbed URL would hide the IP)', 'http://10.0.0.5/admin', undefined, { record: false, screenshots: false }],
    ['a frame of another origin inside an excluded top-level site', 'https://bank.example/', 'https://cdn.other.example/widget', { record: false, screenshots: false }],
    ['an excluded frame inside an ordinary page', 'https://shop.example/', 'https://bank.example/pay', { record: false, screenshots: false }],
    ['screenshots off for the top-level site', 'https://mail.example/inbox', 'https://ads.example/', { record: true, screenshots: false }],
    ['screenshots off when the frame is such a site', 'https://shop.example/', 'https://mail.example/embed', { record: true, screenshots: false }],
    // Addresses with no host of their own, wrapping an excluded site's: a statement opened as a blob, its source, reader view.
    ['a blob of an excluded site', 'blob:https://bank.example/6c1f0a52-statement', undefined, { record: false, screenshots: false }],
    ['a filesystem: address of an excluded site', 'filesystem:https://login.bank.example/temporary/a.pdf', undefined, { record: false, screenshots: false }],
    ['the source of an excluded page', 'view-source:https://bank.example/account', undefined, { record: false, screenshots: false }],
    ['Firefox\'s reader view of an excluded page', 'about:reader?url=https%3A%2F%2Fbank.example%2Faccount', undefined, { record: false, screenshots: false }],
    ['the source of a blob of a site without screenshots', 'view-source:blob:https://mail.example/1', undefined, { record: true, screenshots: false }],
    ['a blob of an ordinary site', 'blob:https://shop.example/1', undefined, { record: true, screenshots: true }],
  ])('%s', (_name, top, frame, expected) => {
    expect(sitePolicy(sites, top, frame)).toEqual(expected);
  });
});

// Review of 574c0e4 (attack 17): addresses of an excluded site the browser shows that no rule matched, and rules
// written as a person would paste them.
describe('hostMatches, as the browser writes hosts and as people write rules', () => {
  const rule = ['bank.example'];
  it.each([
    ['a fully qualified host (the root\'s trailing dot)', 'https://login.bank.example./statement', rule],
    ['a rule with a scheme', 'https://bank.example/statement', ['https://bank.example']],
    ['a rule with a path', 'https://bank.example/statement', ['bank.example/']],
    ['a rule with a port', 'https://bank.example/statement', ['bank.example:8443']],
    ['a rule in Unicode, the host in punycode', 'https://xn--bcher-kva.example/konto', ['bücher.example']],
    ['five wrappers deep', 'view-source:view-source:view-source:view-source:view-source:https://bank.example/', rule],
    ['reader view with its parameter in capitals', 'about:reader?URL=https%3A%2F%2Fbank.example%2F', rule],
    ['case and spaces', 'VIEW-SOURCE: https://BANK.example/', rule],
    ['reader view of a blob', 'about:reader?url=blob%3Ahttps%3A%2F%2Fbank.example%2Fx', rule],
    // Review of 82f1c0c (attack 18).
    ['reader view with a decoy parameter before the one Firefox reads', 'about:reader?URL=https%3A%2F%2Fshop.example%2F&url=https%3A%2F%2Fbank.example%2Fa', rule],
    ['a rule with a scheme and a wildcard', 'https://login.bank.example/', ['https://*.bank.example/']],
    ['a cookie-style rule (leading dot), for a subdomain', 'https://login.bank.example/', ['.bank.example']],
    ['a cookie-style rule (leading dot), for the domain itself', 'https://bank.example/', ['.bank.example']],
    ['an IPv6 rule written without brackets', 'http://[::1]:8080/', ['::1']],
  ])('%s', (_name, url, rules) => {
    expect(hostMatches(url, rules)).toBe(true);
  });

  it('still matches no other site', () => {
    expect(hostMatches('https://notbank.example/', rule)).toBe(false);
    expect(hostMatches('https://bank.example.evil.test/', rule)).toBe(false);
    expect(hostMatches('https://bank.example/', ['', '  ', '*.', '.', '*'])).toBe(false);
    expect(hostMatches('https://shop.example:8080/', ['cafe:8080'])).toBe(false);
  });
});
