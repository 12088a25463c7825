// One example's line as written to a file: screenshots referred to by their
// zip path, or, for formats that carry them, under a URL prefix or inline as
// data URLs.
import type { Example } from '../formatters';
import type { DialogueFormat } from './format';

/** Base64 of bytes, in chunks (String.fromCharCode on a whole screenshot would overflow the stack). */
export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function formatLine(
  format: DialogueFormat, e: Example, o: { prefix?: string; detail?: 'low'; bytes: (path: string) => Promise<Uint8Array | null> },
): Promise<string> {
  const urls = new Map<string, string>();
  for (const t of e.turns) {
    if (!format.inlineImages || !t.image || urls.has(t.image)) continue;
    const bytes = o.prefix ? null : await o.bytes(t.image);
    urls.set(t.image, o.prefix ? `${o.prefix.replace(/\/?$/, '/')}${t.image}` : bytes ? `data:image/png;base64,${base64(bytes)}` : t.image);
  }
  return JSON.stringify(format.line(e, (p) => urls.get(p) ?? p, o.detail));
}
