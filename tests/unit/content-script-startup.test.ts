// The content script runs at document_start in every frame of every page, recording or not. The scrubber's
// modules (NER with compromise and the name lexicon, the phone and secret finders), evaluated there, cost each page
// load more than 100 ms of main-thread time, recording or not (`npm run bench -- page-load`: the demo page +143 ms,
// +18 ms without them). They are imported dynamically, when a frame starts recording: this walks the entry's
// static imports and fails if one of them reaches those modules again.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/content/recorder.iife.ts');

/** Packages and modules that must load only when a frame records. */
const HEAVY = [/^compromise/, /^libphonenumber-js/, /src\/core\/scrub\/(cued-entities|entities|scrubber|name-lexicon\.json)$/];

/** Static imports of a module (not `import type`, not `import()`): local files resolved, packages by name. */
function staticImports(file: string, source: string): string[] {
  const out: string[] = [];
  // `import x from 'y'`, `import { a } from 'y'`, `import 'y'`, `export … from 'y'`; type-only ones are erased.
  const pattern = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    const spec = match[1]!;
    if (!spec.startsWith('.')) {
      out.push(spec);
      continue;
    }
    const base = resolve(dirname(file), spec);
    const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
    const found = candidates.find((c) => { try { readFileSync(c); return true; } catch { return false; } });
    out.push(found ?? base);
  }
  return out;
}

function staticGraph(entry: string): Map<string, string | null> {
  // Each module reached, with the module that first imported it (for the failure's message).
  const seen = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (!file.endsWith('.ts')) continue;
    for (const dep of staticImports(file, readFileSync(file, 'utf8'))) {
      if (seen.has(dep)) continue;
      seen.set(dep, file);
      queue.push(dep);
    }
  }
  return seen;
}

const rel = (f: string): string => (f.startsWith(ROOT) ? f.slice(ROOT.length + 1) : f);
const name = (f: string): string => rel(f).replace(/\.ts$/, '');

describe('the content script at page load', () => {
  const graph = staticGraph(ENTRY);

  it('reads its own modules (the walk finds the recorder and the observers)', () => {
    const files = [...graph.keys()].map(rel);
    expect(files).toContain('src/content/recorder.ts');
    expect(files).toContain('src/content/observers/pointer-observer.ts');
    expect(files).toContain('src/content/redactor-loader.ts');
    expect(files.length).toBeGreaterThan(40);
  });

  it('evaluates none of the scrubber\'s heavy modules until a frame records', () => {
    const reached = [...graph.keys()].filter((f) => HEAVY.some((h) => h.test(name(f)) || h.test(rel(f))));
    const chains = reached.map((f) => {
      const chain = [rel(f)];
      for (let at = graph.get(f) ?? null; at; at = graph.get(at) ?? null) chain.unshift(rel(at));
      return chain.join(' → ');
    });
    expect(chains).toEqual([]);
  });

  it('would see one imported statically (the walk is not blind to them)', () => {
    const scrubberGraph = staticGraph(join(ROOT, 'src/core/scrub/cued-entities.ts'));
    expect([...scrubberGraph.keys()].some((f) => /^compromise/.test(f))).toBe(true);
    expect([...staticGraph(join(ROOT, 'src/core/scrub/scrubber.ts')).keys()].some((f) => /^libphonenumber-js/.test(f))).toBe(true);
  });
});
