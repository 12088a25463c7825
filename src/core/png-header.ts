// What a PNG says of itself in its first 33 bytes (signature and IHDR), read
// before anything decodes it: a decoder allocates width x height pixels from
// these numbers, so a 20-byte lie costs gigabytes (a decompression bomb).

export interface PngHeader { width: number; height: number; bitDepth: number; colorType: number; interlaced: boolean }

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Signature (8), IHDR length (4) and type (4), then its 13 bytes of data. */
export const PNG_HEADER_BYTES = 8 + 8 + 13;

/** The header of a PNG whose first chunk is a well-formed IHDR, or why it is not one. */
export function pngHeader(bytes: Uint8Array): PngHeader | { error: string } {
  if (bytes.length < PNG_HEADER_BYTES || SIGNATURE.some((b, i) => bytes[i] !== b)) return { error: 'not a PNG' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (view.getUint32(8) !== 13 || type !== 'IHDR') return { error: 'a PNG whose first chunk is not its header (IHDR)' };
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return { error: `a PNG of ${width} x ${height} pixels` };
  return { width, height, bitDepth: bytes[24]!, colorType: bytes[25]!, interlaced: bytes[28] !== 0 };
}
