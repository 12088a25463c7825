// Commands that write a zip refuse to write over the one they read.
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Do two paths name the same file (the second need not exist yet)? */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}
