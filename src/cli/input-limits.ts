// Limits on what a zip someone else made may cost to read, by meaning: bytes
// inflated per zip, lines per file, pixels per screenshot, characters of one
// field a command scrubs (scrub costs time in a field's size). Each has a flag and
// a default, and every error names the limit it hit, so a person knows which
// flag to raise ("--max-lines (default 1,000,000) exceeded by trajectory.jsonl").
// Limits a zip32 archive or this reader fix once and for all are named too.
import { pngHeader } from '../core/png-header';

export interface InputLimits {
  /** Uncompressed bytes of all entries of one zip together. */
  maxInflatedBytes: number;
  /** Lines (empty ones too) of one text file. */
  maxLines: number;
  /** Pixels of one screenshot, from its PNG header, before anything decodes it. */
  maxImagePixels: number;
  /** Width and height of one screenshot. */
  maxImageSide: number;
  /** Characters of one text field (a step's, a final state's, an instruction) that scrub and pack --config scrub. */
  maxFieldChars: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxInflatedBytes: 4 * 1024 ** 3,
  // A trajectory's line is a step, a dialogue file's an example: one person's export holds thousands.
  maxLines: 1_000_000,
  // 64 Mpixel (8192 x 8192): a full-page capture at twice the density fits; decoded as RGBA that is 256 MB.
  maxImagePixels: 64 * 1024 ** 2,
  // Chromium's largest capture.
  maxImageSide: 16_384,
  // The extension cuts one frame's dom_tree and axtree at recorder.dom_max_chars (1,000,000 by default); a tree
  // with cross-origin frames joined in holds a few such. Scrubbing is linear in a field's size, and with the NER
  // slow (a 12 MB field took minutes): what a real export holds scrubs, a hostile field is refused before any does.
  maxFieldChars: 4_000_000,
};

type Unit = 'bytes' | 'count' | 'pixels';
export const LIMIT_FLAGS: Record<keyof InputLimits, { flag: string; unit: Unit }> = {
  maxInflatedBytes: { flag: '--max-inflated-bytes', unit: 'bytes' },
  maxLines: { flag: '--max-lines', unit: 'count' },
  maxImagePixels: { flag: '--max-image-pixels', unit: 'pixels' },
  maxImageSide: { flag: '--max-image-side', unit: 'count' },
  maxFieldChars: { flag: '--max-field-chars', unit: 'count' },
};

/** A limit was reached: the message names it (its flag and value) and what reached it. */
export class LimitError extends Error {}

function binary(n: number, suffixes: string[]): string | null {
  for (let i = suffixes.length; i >= 1; i--) {
    const size = 1024 ** i;
    if (n >= size && n % size === 0) return `${n / size} ${suffixes[i - 1]}`;
  }
  return null;
}

export function formatAmount(n: number, unit: Unit): string {
  if (unit === 'bytes') return binary(n, ['KiB', 'MiB', 'GiB', 'TiB']) ?? `${n.toLocaleString('en-US')} bytes`;
  if (unit === 'pixels') return binary(n, ['Kpixel', 'Mpixel', 'Gpixel']) ?? `${n.toLocaleString('en-US')} pixels`;
  return n.toLocaleString('en-US');
}

/** "--max-lines (default 1,000,000)", or "--max-lines 500" when the flag set it. */
export function limitLabel(key: keyof InputLimits, value: number): string {
  const { flag, unit } = LIMIT_FLAGS[key];
  return value === DEFAULT_INPUT_LIMITS[key] ? `${flag} (default ${formatAmount(value, unit)})` : `${flag} ${formatAmount(value, unit)}`;
}

/** "--max-lines (default 1,000,000) exceeded by trajectory.jsonl". */
export function exceeded(key: keyof InputLimits, value: number, by: string): LimitError {
  return new LimitError(`${limitLabel(key, value)} exceeded by ${by}`);
}

/** A flag's value: a whole number, with an optional binary suffix (K, M, G, T: 1024, 1024², …). */
export function parseAmount(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt])?(?:i?b|i?pixel)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]) * 1024 ** (m[2] ? 'kmgt'.indexOf(m[2].toLowerCase()) + 1 : 0);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The limits from the command line's flags (undefined: the default); throws a message naming the bad flag. */
export function limitsFrom(values: Partial<Record<string, string | boolean | undefined>>): InputLimits {
  const out = { ...DEFAULT_INPUT_LIMITS };
  for (const key of Object.keys(LIMIT_FLAGS) as (keyof InputLimits)[]) {
    const { flag } = LIMIT_FLAGS[key];
    const raw = values[flag.slice(2)];
    if (raw === undefined) continue;
    const n = typeof raw === 'string' ? parseAmount(raw) : null;
    if (n === null) throw new Error(`${flag} is a whole number above 0, with K, M or G for 1024, 1024² or 1024³ if you like (e.g. ${flag} 8G)`);
    out[key] = n;
  }
  return out;
}

/**
 * A screenshot's PNG header against the image limits, before anything decodes it: throws, naming the limit
 * and the entry, for one too large, and for anything that is not a plain PNG.
 */
export function checkPngHeader(name: string, head: Uint8Array, limits: InputLimits): void {
  const h = pngHeader(head);
  if ('error' in h) throw new Error(`${name} is ${h.error}: screenshots are PNGs`);
  const size = `${name} (${h.width} x ${h.height} pixels)`;
  if (h.width > limits.maxImageSide || h.height > limits.maxImageSide) throw exceeded('maxImageSide', limits.maxImageSide, size);
  if (h.width * h.height > limits.maxImagePixels) throw exceeded('maxImagePixels', limits.maxImagePixels, size);
  // pngjs inflates an interlaced image with no bound on its output; no browser capture is interlaced.
  if (h.interlaced) throw new LimitError(`the no-interlaced-PNG rule (fixed) refuses ${name}: an interlaced image inflates without a bound in the decoder`);
}
