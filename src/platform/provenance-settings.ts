// The demonstrator's id and the team salt, from the settings page, in
// storage.local (never exported: only their hash goes into a manifest).
import browser from 'webextension-polyfill';

export interface ProvenanceSettings { demonstratorId: string; salt: string }

const KEY = 'provenance';

function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The saved settings; a salt is made (and kept) the first time, so hashes are stable on this machine. */
export async function loadProvenance(): Promise<ProvenanceSettings> {
  const got = (await browser.storage.local.get(KEY))[KEY] as Partial<ProvenanceSettings> | undefined;
  if (got?.salt) return { demonstratorId: got.demonstratorId ?? '', salt: got.salt };
  const fresh = { demonstratorId: got?.demonstratorId ?? '', salt: randomSalt() };
  await browser.storage.local.set({ [KEY]: fresh });
  return fresh;
}

export async function saveProvenance(p: ProvenanceSettings): Promise<void> {
  await browser.storage.local.set({ [KEY]: { demonstratorId: p.demonstratorId.trim().slice(0, 200), salt: p.salt.trim().slice(0, 200) || randomSalt() } });
}
