import { describe, expect, it } from 'vitest';
import { sitePolicy } from '../../src/core/site-policy';

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
  ])('%s', (_name, top, frame, expected) => {
    expect(sitePolicy(sites, top, frame)).toEqual(expected);
  });
});
