// The scrubber as it was before the multilingual recognisers (issue 14), as a
// peer in the same run: its source is taken from git into bench/.tmp/ and
// run beside today's over the same page, alternating, so machine noise hits
// both alike. Without git history (a tarball) there is no peer: null.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The last commit before issue 14 changed the recognisers. */
export const BASELINE_COMMIT = '3fa8e3837b96c044456520eef58a698001814bf6';

export async function loadBaselineScrub() {
  const root = join(import.meta.dirname, '..');
  const dir = join(root, 'bench', '.tmp', `scrub-${BASELINE_COMMIT.slice(0, 12)}`);
  try {
    if (!existsSync(join(dir, 'src', 'core', 'rescrub.ts'))) {
      mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['-C', root, 'archive', BASELINE_COMMIT, 'src/core', 'config'], { maxBuffer: 256 << 20 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
    }
  } catch (error) {
    console.warn(`[bench] no baseline scrubber (${error.message.split('\n')[0]}): the scrub speed target has no peer`);
    return null;
  }
  const at = (p) => pathToFileURL(join(dir, p)).href;
  const [{ parseScrubConfig }, { createScrubber }, { CompromiseRecognizer }, { rescrubDomTree }] = await Promise.all([
    import(at('src/core/scrub/config.ts')), import(at('src/core/scrub/scrubber.ts')),
    import(at('src/core/scrub/entities.ts')), import(at('src/core/rescrub.ts')),
  ]);
  const parsed = parseScrubConfig(readFileSync(join(dir, 'config', 'scrubber.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('the baseline scrubber config does not parse');
  return (xml) => rescrubDomTree(xml, createScrubber(parsed.config, new CompromiseRecognizer()), {});
}
