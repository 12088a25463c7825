// A zip the CLI writes (scrub, replay --annotate) goes to a hidden partial
// file beside its target and is renamed at the end: a failed run never leaves
// half a zip under the real name.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export async function writeZipAtomically<T>(output: string, write: (sink: (chunk: Uint8Array) => void) => Promise<T>): Promise<T> {
  const partial = join(dirname(resolve(output)), `.${basename(output)}.${process.pid}.partial`);
  const stream = createWriteStream(partial);
  try {
    const result = await write((chunk) => { stream.write(chunk); });
    await new Promise<void>((res, rej) => stream.end((err?: Error | null) => (err ? rej(err) : res())));
    await rename(partial, output);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
