// Screenshots carried in a Parquet row as Hugging Face's Image struct: bytes, and the file name.
export const inlineImages = (paths: string[], images: Map<string, Uint8Array>): { bytes: Uint8Array | null; path: string | undefined }[] =>
  paths.map((p) => ({ bytes: images.get(p) ?? null, path: p.split('/').pop() }));
