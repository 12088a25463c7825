// The CLI as its tests drive it: an export written as the extension writes one, to a file, and main() run in-process
// with what it prints caught. main is imported when first run, so a test file's vi.mock (a quick scrubber) is in
// place before the CLI loads.
import { writeFileSync } from 'node:fs';
import { vi } from 'vitest';
import { writeExport, type ExportSource } from '../../src/core/export-writer';

/** The writer's settings every CLI test uses: ShareGPT only, JSON actions, no DOM, a fixed hash and time. */
const SETTINGS = { formats: ['sharegpt'], actionStyle: 'json', includeDom: false, extensionVersion: '0.1.0', configHash: '0123456789abcdef', now: new Date(0) } as const;

/** Writes the export of `source` to `path`; resolves to `path`. */
export async function writeExportFile(path: string, source: ExportSource): Promise<string> {
  const chunks: Uint8Array[] = [];
  await writeExport(source, { ...SETTINGS, formats: [...SETTINGS.formats] }, (c) => { chunks.push(c); });
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** Runs `alien-dataflow <args>`: its exit status, and its console.log and console.error lines joined. */
export async function runCli(args: string[]): Promise<{ status: number; out: string }> {
  const { main } = await import('../../src/cli/main');
  const lines: string[] = [];
  const spies = (['log', 'error'] as const).map((k) => vi.spyOn(console, k).mockImplementation((line: string) => { lines.push(line); }));
  try {
    return { status: await main(args), out: lines.join('\n') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}
