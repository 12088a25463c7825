// Raw frames waiting for blur and OCR are sealed (AES-GCM) before they touch
// IndexedDB. The key lives only in storage.session: memory that outlives a
// worker stop but not the browser, readable by extension pages only (the
// default TRUSTED_CONTEXTS access level). On disk a pending frame is noise;
// after a browser restart it cannot be opened at all.
import { sessionStore } from '../platform/stores';
import type { ShotFacts, SealedShot } from '../core/pending-step';

export const VAULT_KEY = 'vault:frameKey';

let key: Promise<CryptoKey> | null = null;

async function loadOrCreateKey(): Promise<CryptoKey> {
  const got = await sessionStore().get(VAULT_KEY);
  const stored = got[VAULT_KEY] as JsonWebKey | undefined;
  if (stored) return crypto.subtle.importKey('jwk', stored, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  await sessionStore().set({ [VAULT_KEY]: await crypto.subtle.exportKey('jwk', fresh) });
  return fresh;
}

function sessionKey(): Promise<CryptoKey> {
  key ??= loadOrCreateKey().catch((error: unknown) => {
    key = null;
    throw error;
  });
  return key;
}

/** Seal a capture's data URL. */
export async function sealShot(dataUrl: string, meta: ShotFacts): Promise<SealedShot> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sessionKey(), new TextEncoder().encode(dataUrl));
  return { kind: 'sealed', iv, data, ...meta };
}

/** The data URL again, or null when this browser session's key cannot open it. */
export async function openShot(shot: SealedShot): Promise<string | null> {
  const got = await sessionStore().get(VAULT_KEY);
  if (!got[VAULT_KEY]) return null; // a new browser session: the key that sealed it is gone
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: shot.iv }, await sessionKey(), shot.data);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
