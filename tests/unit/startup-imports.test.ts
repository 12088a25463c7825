// Two entries start often and must not evaluate the scrubber's modules (NER with compromise and the name lexicon,
// the phone, date and secret finders) as they start:
// - the content script, which runs at document_start in every frame of every page, recording or not: those modules
//   cost each page load more than 100 ms of main-thread time (`npm run bench -- page-load`: the demo page +143 ms,
//   +18 ms without them). It imports them when a frame starts recording.
// - the service worker, which the browser stops after 30 s idle and starts again for the next event: they made each
//   wake answer about 240 ms later (`npm run bench -- worker-wake`). It imports them at first use, and the build
//   bundles it into one file where such an import is a function run at the call (vite.config.ts).
// This walks each entry's static imports and fails if one of them reaches those modules again.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Packages and modules that must load only when a frame records. */
const HEAVY = [/^compromise/, /^libphonenumber-js/, /^chrono-node/, /src\/core\/scrub\/(cued-entities|entities|scrubber|name-lexicon\.json)$/];

/** `import('x')` calls a statement makes as it runs: not those inside a function, which run only when it is called. */
function importCallsRunAtLoad(node: ts.Node, specs: string[]): void {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) specs.push(node.arguments[0].text);
  ts.forEachChild(node, (child) => importCallsRunAtLoad(child, specs));
}

/**
 * What a module loads as it is evaluated, read by TypeScript's parser: its static imports (not `import type`), and
 * any `import()` its top-level code calls (a warm-up, a top-level await), not one inside a function. Local files
 * resolved, packages by name.
 */
function staticImports(file: string, source: string): string[] {
  const specs: string[] = [];
  for (const node of ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS).statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) specs.push(node.moduleReference.expression.text);
    else importCallsRunAtLoad(node, specs);
  }
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return spec;
    // As the bundler resolves: the file itself, `.js` written for a `.ts` file, no extension, or a folder's index.
    const base = resolve(dirname(file), spec);
    const stem = base.replace(/\.[cm]?jsx?$/, '');
    const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
    return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
  });
}

function staticGraph(entry: string): Map<string, string | null> {
  // Each module reached, with the module that first imported it (for the failure's message).
  const seen = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (!/\.tsx?$/.test(file)) continue;
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

/** The chains from `entry` to each heavy module its static imports reach (none is right). */
function heavyChains(graph: Map<string, string | null>): string[] {
  const reached = [...graph.keys()].filter((f) => HEAVY.some((h) => h.test(name(f)) || h.test(rel(f))));
  return reached.map((f) => {
    const chain = [rel(f)];
    for (let at = graph.get(f) ?? null; at; at = graph.get(at) ?? null) chain.unshift(rel(at));
    return chain.join(' → ');
  });
}

/** Each entry that starts often, what its walk must find (so a broken walk cannot pass), and when it may load them. */
const ENTRIES = [
  {
    entry: 'src/content/recorder.iife.ts', as: 'the content script at page load', until: 'a frame records', least: 40,
    own: ['src/content/recorder.ts', 'src/content/observers/pointer-observer.ts', 'src/content/redactor-loader.ts'],
  },
  {
    entry: 'src/background/service-worker.ts', as: 'the service worker as it wakes', until: 'it scrubs', least: 60,
    own: ['src/background/step-intake.ts', 'src/background/recording-session.ts', 'src/background/scrubber-state.ts'],
  },
];

describe.each(ENTRIES)('$as', ({ entry, until, least, own }) => {
  const graph = staticGraph(join(ROOT, entry));

  it(`reads its own modules (${own.map((f) => f.split('/').pop()).join(', ')})`, () => {
    const files = [...graph.keys()].map(rel);
    for (const f of own) expect(files).toContain(f);
    expect(files.length).toBeGreaterThan(least);
  });

  it(`evaluates none of the scrubber's heavy modules until ${until}`, () => {
    expect(heavyChains(graph)).toEqual([]);
  });
});

describe('the import walk', () => {
  it('reads every spelling of a static import and an import() run at load, and skips type-only ones and those in functions', () => {
    const source = [
      "/* a */ import a from './a.js'; import nlp from 'compromise'",
      "import type from 'libphonenumber-js'",
      "import {\n  b, // don't\n  c,\n}from'./b'",
      "export * from 'pkg-star'",
      "export { d } from 'pkg-named'",
      "import 'pkg-side-effect'",
      "import x = require('pkg-require')",
      "import type { T } from 'pkg-type'",
      "export type { U } from 'pkg-export-type'",
      "const lazy = () => import('pkg-dynamic')",
      "function later() { return import('pkg-in-function'); }",
      "class C { m() { return import('pkg-in-method'); } }",
      "void import('pkg-warm-up')",
      "const m = await import('pkg-top-level-await')",
    ].join('\n');
    const found = staticImports(join(ROOT, 'src/core/scrub/x.ts'), source).map(rel);
    expect(found).toEqual(['src/core/scrub/a.js', 'compromise', 'libphonenumber-js', 'src/core/scrub/b', 'pkg-star', 'pkg-named', 'pkg-side-effect', 'pkg-require', 'pkg-warm-up', 'pkg-top-level-await']);
    // `.js` written for a `.ts` file resolves to it.
    expect(staticImports(join(ROOT, 'src/content/x.ts'), "import { loadScrubber } from './redactor-loader.js'").map(rel)).toEqual(['src/content/redactor-loader.ts']);
  });

  it('would see one imported statically (the walk is not blind to them)', () => {
    const scrubberGraph = staticGraph(join(ROOT, 'src/core/scrub/cued-entities.ts'));
    expect([...scrubberGraph.keys()].some((f) => /^compromise/.test(f))).toBe(true);
    expect([...staticGraph(join(ROOT, 'src/core/scrub/scrubber.ts')).keys()].some((f) => /^libphonenumber-js/.test(f))).toBe(true);
    expect(heavyChains(staticGraph(join(ROOT, 'src/core/scrub/scrubber.ts'))).length).toBeGreaterThan(0);
  });
});
