// Reading a zip someone else may have made, without trusting it: the central
// directory is read first, every entry name is checked (no absolute paths,
// backslashes, drive letters or ..), declared sizes are capped and checked
// against what inflates (a zip bomb stops at its declared size or the ratio
// cap), and entries are read one at a time from disk, never the whole archive
// at once. Text is read line by line, never as one giant string. What a zip
// may cost is capped by meaning too (input-limits): bytes inflated per zip,
// lines per file; each error names the limit it hit.
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
// Node's own zlib (native) rather than fflate: the CLI inflates every trajectory it packs, about 3x faster.
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { DEFAULT_INPUT_LIMITS, exceeded, formatAmount, LimitError } from './input-limits';

export interface ZipEntry { name: string; method: number; compressedSize: number; size: number; offset: number }

export interface ZipLimits {
  /** Largest entry, uncompressed (fixed: a zip32 entry's most). */
  maxEntryBytes: number;
  /** All entries together, uncompressed (--max-inflated-bytes). */
  maxInflatedBytes: number;
  /** Largest ratio of uncompressed to compressed size, for entries over 1 MB (fixed). */
  maxRatio: number;
  /** Entries in the directory (fixed). */
  maxEntries: number;
  /** Characters of one line (fixed). */
  maxLineBytes: number;
  /** Lines of one text entry, empty ones too (--max-lines). */
  maxLines: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxEntryBytes: 4 * 1024 ** 3 - 1, maxInflatedBytes: DEFAULT_INPUT_LIMITS.maxInflatedBytes, maxRatio: 200, maxEntries: 1_000_000,
  maxLineBytes: 64 * 1024 ** 2, maxLines: DEFAULT_INPUT_LIMITS.maxLines,
};

export class ZipError extends Error {}

/** A limit this reader fixes (no flag), named in the error. */
function fixedLimit(what: string, by: string): LimitError {
  return new LimitError(`${what} exceeded by ${by}`);
}

/** Why a name cannot be an entry of an export, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\0')) return 'a NUL character';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter';
  if (name.split('/').some((seg) => seg === '..')) return 'a ".." segment';
  return null;
}

export interface ZipReader {
  entries: Map<string, ZipEntry>;
  bytes(name: string): Promise<Uint8Array>;
  /** The first `n` bytes of an entry (fewer if it is shorter), inflating no more than it takes. */
  head(name: string, n: number): Promise<Uint8Array>;
  /** Non-empty lines of a text entry, decoded as UTF-8; more than the limit's lines (empty ones too) is an error. */
  lines(name: string): AsyncGenerator<string>;
  close(): Promise<void>;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  // One part (a stored entry read in one go) is returned as it is, not copied.
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Stored entries up to this size are read in one synchronous read (see storedAt). */
const SMALL_STORED_BYTES = 16 * 1024 ** 2;
/** Room for a local header's extra field, which may differ from the directory's. */
const LOCAL_EXTRA_GUESS = 64;
/** Inflate output per chunk: zlib's 16 KB default made a trajectory's lines cost an async step per 16 KB. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafeSlow(length); // not zeroed: filled by the read below, or refused
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  if (bytesRead !== length) throw new ZipError('the zip is truncated');
  return buf;
}

export async function openZip(path: string, given: Partial<ZipLimits> = {}): Promise<ZipReader> {
  const limits: ZipLimits = { ...DEFAULT_LIMITS, ...given };
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    if (tailLength < 22) throw new ZipError('too short to be a zip');
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    if (eocd < 0) throw new ZipError('no zip directory found (not a zip, or truncated)');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('zip64 archives are not supported');
    if (count > limits.maxEntries) throw fixedLimit(`the entry-count limit (${formatAmount(limits.maxEntries, 'count')}, fixed)`, `this zip's ${formatAmount(count, 'count')} entries`);
    if (dirOffset + dirSize > size) throw new ZipError('the zip directory points past the end of the file');
    const dir = await readAt(fh, dirOffset, dirSize);
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError('the zip directory is corrupt');
      const method = dir.readUInt16LE(p + 10);
      const compressedSize = dir.readUInt32LE(p + 20);
      const entrySize = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extra = dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      const offset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      p += 46 + nameLength + extra;
      if (name.endsWith('/')) continue;
      const bad = unsafeEntryName(name);
      if (bad) throw new ZipError(`entry "${name.slice(0, 80)}" has ${bad}; refusing the whole zip`);
      if (entries.has(name)) throw new ZipError(`entry "${name}" appears twice`);
      if (method !== 0 && method !== 8) throw new ZipError(`entry "${name}" uses compression method ${method} (only stored and deflate)`);
      if (method === 0 && compressedSize !== entrySize) throw new ZipError(`entry "${name}" is stored but declares two sizes (${compressedSize} and ${entrySize})`);
      if (entrySize > limits.maxEntryBytes) throw fixedLimit(`the entry-size limit (${formatAmount(limits.maxEntryBytes, 'bytes')}, fixed)`, `${name} (${formatAmount(entrySize, 'bytes')})`);
      if (entrySize > 1024 ** 2 && entrySize > compressedSize * limits.maxRatio) {
        throw fixedLimit(`the compression-ratio limit (${limits.maxRatio}x, fixed)`, `${name}, which inflates ${Math.round(entrySize / Math.max(1, compressedSize))}x: a zip bomb?`);
      }
      // Declared sizes are what entries may inflate to (reading stops past them), so their sum bounds the zip.
      total += entrySize;
      if (total > limits.maxInflatedBytes) throw exceeded('maxInflatedBytes', limits.maxInflatedBytes, `${name} (the entries up to it inflate to ${formatAmount(total, 'bytes')})`);
      entries.set(name, { name, method, compressedSize, size: entrySize, offset });
    }

    const dataStart = async (e: ZipEntry): Promise<number> => {
      const local = await readAt(fh, e.offset, 30);
      if (local.readUInt32LE(0) !== LOCAL) throw new ZipError(`entry "${e.name}" is corrupt`);
      return e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    };
    /**
     * A small stored entry (a screenshot) in one synchronous read of its local header and data together. Pack
     * reads tens of thousands of them, and from the page cache a read costs less than a promise's round trip
     * through the thread pool and a second read for the header: 4.0 s -> 0.5 s for 40,000 screenshots.
     * Null when the local header is longer than guessed (then the general path reads it).
     */
    const storedAt = (e: ZipEntry): Uint8Array | null => {
      const guess = 30 + Buffer.byteLength(e.name) + LOCAL_EXTRA_GUESS;
      const length = Math.min(guess + e.size, size - e.offset);
      const buf = Buffer.allocUnsafeSlow(Math.max(30, length));
      if (length < 30 || readSync(fh.fd, buf, 0, length, e.offset) !== length) throw new ZipError('the zip is truncated');
      if (buf.readUInt32LE(0) !== LOCAL) throw new ZipError(`entry "${e.name}" is corrupt`);
      const start = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
      if (start + e.size > length) {
        if (e.offset + start + e.size > size) throw new ZipError(`entry "${e.name}" runs past the end of the file`);
        return null;
      }
      return buf.subarray(start, start + e.size);
    };
    const entry = (name: string): ZipEntry => {
      const e = entries.get(name);
      if (!e) throw new ZipError(`no entry "${name}"`);
      return e;
    };
    /** Raw (still compressed) chunks of an entry, read from disk. */
    async function* compressed(e: ZipEntry): AsyncGenerator<Uint8Array> {
      let at = await dataStart(e);
      const end = at + e.compressedSize;
      if (end > size) throw new ZipError(`entry "${e.name}" runs past the end of the file`);
      while (at < end) {
        const n = Math.min(1024 ** 2, end - at);
        yield await readAt(fh, at, n);
        at += n;
      }
    }
    /** Inflated chunks, stopped as soon as they exceed the declared size. */
    async function* inflated(e: ZipEntry): AsyncGenerator<Uint8Array> {
      if (e.method === 0) {
        yield* compressed(e);
        return;
      }
      let produced = 0;
      const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
      const chunks = (async function* () {
        for await (const chunk of compressed(e)) yield chunk;
      })();
      // Fed by hand rather than piped, so a lying entry stops here without a stream left running.
      const feed = (async () => {
        try {
          for await (const chunk of chunks) if (!inflater.write(chunk)) await new Promise((r) => inflater.once('drain', r));
          inflater.end();
        } catch (error) {
          inflater.destroy(error as Error);
        }
      })();
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          produced += chunk.length;
          if (produced > e.size) throw new ZipError(`entry "${e.name}" inflates past its declared ${e.size} bytes`);
          yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
        }
      } catch (error) {
        if (error instanceof ZipError) throw error;
        throw new ZipError(`entry "${e.name}" does not inflate: ${(error as Error).message}`, { cause: error });
      } finally {
        inflater.destroy();
        await chunks.return(undefined);
        await feed;
      }
    }

    return {
      entries,
      async bytes(name) {
        const e = entry(name);
        if (e.method === 0 && e.size <= SMALL_STORED_BYTES) {
          const stored = storedAt(e);
          if (stored) return stored;
        }
        if (e.method === 8 && e.size <= 64 * 1024 ** 2) {
          const raw = await collect(compressed(e));
          // One byte of room past the declared size: filling it means the entry lied.
          let out: Uint8Array;
          try {
            const inflated = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
            out = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
          } catch (error) {
            if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`entry "${name}" inflates past its declared ${e.size} bytes`, { cause: error });
            throw new ZipError(`entry "${name}" does not inflate: ${(error as Error).message}`, { cause: error });
          }
          if (out.length !== e.size) throw new ZipError(`entry "${name}" inflates to ${out.length > e.size ? 'more than' : out.length} bytes, not the declared ${e.size}`);
          return out;
        }
        return collect(inflated(e));
      },
      async head(name, n) {
        const e = entry(name);
        if (e.method === 0) {
          const start = await dataStart(e);
          const length = Math.min(n, e.size);
          if (start + length > size) throw new ZipError(`entry "${name}" runs past the end of the file`);
          return readAt(fh, start, length);
        }
        const parts: Uint8Array[] = [];
        let got = 0;
        // Stopping the generator early ends the inflater: only the first chunk or so is ever inflated.
        for await (const chunk of inflated(e)) {
          parts.push(chunk);
          got += chunk.length;
          if (got >= n) break;
        }
        return Buffer.concat(parts).subarray(0, n);
      },
      async *lines(name) {
        const decoder = new TextDecoder();
        // The unfinished line, in pieces: joined once when its newline comes (no quadratic re-copying).
        let pending: string[] = [];
        let pendingLength = 0;
        // Every line counts, empty ones too: a file of newlines costs time if not memory.
        let count = 0;
        for await (const chunk of inflated(entry(name))) {
          const text = decoder.decode(chunk, { stream: true });
          let from = 0;
          for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            if (++count > limits.maxLines) throw exceeded('maxLines', limits.maxLines, name);
            const line = pending.length ? pending.join('') + text.slice(from, nl) : text.slice(from, nl);
            pending = [];
            pendingLength = 0;
            from = nl + 1;
            if (line.trim()) yield line;
          }
          pending.push(text.slice(from));
          pendingLength += text.length - from;
          if (pendingLength > limits.maxLineBytes) throw fixedLimit(`the line-length limit (${formatAmount(limits.maxLineBytes, 'count')} characters, fixed)`, `a line of ${name}`);
        }
        const last = pending.join('') + decoder.decode();
        if (last.trim()) {
          if (count + 1 > limits.maxLines) throw exceeded('maxLines', limits.maxLines, name);
          yield last;
        }
      },
      close: () => fh.close(),
    };
  } catch (error) {
    await fh.close();
    throw error;
  }
}
