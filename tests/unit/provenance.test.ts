// The demonstrator's id becomes a salted hash in the manifest, and a packed
// row carries that hash: never the id.
import { describe, expect, it } from 'vitest';
import { demonstratorHash } from '../../src/core/provenance';
import { buildManifest } from '../../src/core/zip-layout';

describe('demonstratorHash', () => {
  it('is stable per salt, differs across salts, and is null without an id', async () => {
    const a = await demonstratorHash('ana@team', 'salt-1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await demonstratorHash(' ana@team ', 'salt-1')).toBe(a);
    expect(await demonstratorHash('ana@team', 'salt-2')).not.toBe(a);
    expect(await demonstratorHash('  ', 'salt-1')).toBeNull();
  });
  it('goes into the manifest, not the id', async () => {
    const hash = await demonstratorHash('ana@team', 's');
    const m = buildManifest({ extensionVersion: '1', createdAt: new Date(0), configHash: 'c', files: [], tasks: [], demonstratorHash: hash });
    expect(m.demonstrator_hash).toBe(hash);
    expect(JSON.stringify(m)).not.toContain('ana@team');
  });
});
