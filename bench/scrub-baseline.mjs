// Older scrubbers as peers in the same run: their source is taken from git into bench/.tmp/ and run beside
// today's over the same page and the same evaluation sets, alternating, so machine noise hits both alike.
// Without git history (a tarball) there is no peer: null.
// - BASELINE_COMMIT: before the multilingual recognisers (issue 14), the speed target's peer;
// - BEFORE_GENERALISING_COMMIT: before the recognisers were made to generalise (issue 23, item 5), whose
//   quality on the three evaluation sets and speed are reported beside today's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The last commit before issue 14 changed the recognisers. */
export const BASELINE_COMMIT = '3fa8e3837b96c044456520eef58a698001814bf6';
/** The last commit before issue 23's item 5 (recognisers that generalise). */
export const BEFORE_GENERALISING_COMMIT = '29e2ce95fb420c6486f729a97af07f6c05f72632';

/** { scrubber(): a fresh Scrubber with NER, rescrub(xml) } of the scrubber at `commit`, or null. */
export async function loadScrubberAt(commit) {
  const root = join(import.meta.dirname, '..');
  const dir = join(root, 'bench', '.tmp', `scrub-${commit.slice(0, 12)}`);
  try {
    if (!existsSync(join(dir, 'src', 'core', 'rescrub.ts'))) {
      mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['-C', root, 'archive', commit, 'src/core', 'config'], { maxBuffer: 256 << 20 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
    }
  } catch (error) {
    console.warn(`[bench] no scrubber at ${commit.slice(0, 7)} (${error.message.split('\n')[0]}): no peer`);
    return null;
  }
  const at = (p) => pathToFileURL(join(dir, p)).href;
  const cued = existsSync(join(dir, 'src', 'core', 'scrub', 'cued-entities.ts'));
  const [{ parseScrubConfig }, { createScrubber }, ner, { rescrubDomTree }] = await Promise.all([
    import(at('src/core/scrub/config.ts')), import(at('src/core/scrub/scrubber.ts')),
    import(at(cued ? 'src/core/scrub/cued-entities.ts' : 'src/core/scrub/entities.ts')), import(at('src/core/rescrub.ts')),
  ]);
  const parsed = parseScrubConfig(readFileSync(join(dir, 'config', 'scrubber.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(`the scrubber config at ${commit.slice(0, 7)} does not parse`);
  const scrubber = () => createScrubber(parsed.config, cued ? ner.defaultEntityRecognizer() : new ner.CompromiseRecognizer());
  return { scrubber, rescrub: (xml) => rescrubDomTree(xml, scrubber(), {}) };
}

/** The scrubber before issue 14, as a function over a dom_tree. */
export async function loadBaselineScrub() {
  return (await loadScrubberAt(BASELINE_COMMIT))?.rescrub ?? null;
}
