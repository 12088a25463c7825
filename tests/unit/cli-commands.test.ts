// The CLI's command registry is its one description: the usage and the usage errors come from it,
// and a command it holds cannot go undocumented in docs/cli.md or the README's command line section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, COMMAND_NAMES, COMMON_FLAGS } from '../../src/cli/commands';
import { needsMessage, usage } from '../../src/cli/usage';
import { main } from '../../src/cli/main';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The README's `## Command line` section, up to the next heading of its level. */
function readmeCommandLine(): string {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Command line\n');
  expect(start, 'README.md has a "## Command line" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('every registered command is documented', () => {
  it.each(COMMAND_NAMES)('%s: in the usage, docs/cli.md and the README\'s command line', (name) => {
    expect(usage()).toContain(`  alien-dataflow ${name} `);
    expect(read('docs/cli.md')).toContain(`alien-dataflow.mjs ${name} `);
    expect(readmeCommandLine()).toContain(`alien-dataflow.mjs ${name} `);
  });

  it.each(COMMAND_NAMES)('%s: each of its flags in docs/cli.md', (name) => {
    const doc = read('docs/cli.md');
    for (const flag of Object.keys({ ...COMMON_FLAGS, ...COMMANDS[name].flags })) expect(doc, `--${flag}`).toContain(`--${flag}`);
  });

  it('a flag two commands take is the same flag for both (the command is found with all of them)', () => {
    const types = new Map<string, string>(Object.entries(COMMON_FLAGS).map(([f, o]) => [f, o.type]));
    for (const c of Object.values(COMMANDS)) {
      for (const [f, o] of Object.entries(c.flags)) {
        expect(types.get(f) ?? o.type, `--${f}`).toBe(o.type);
        types.set(f, o.type);
      }
    }
  });
});

describe('usage errors come from the registry', () => {
  afterEach(() => { vi.restoreAllMocks(); });
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => { out.push(m); });
    vi.spyOn(console, 'error').mockImplementation((m: string) => { err.push(m); });
    const code = await main(argv);
    vi.restoreAllMocks();
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('--help prints the usage and exits 0; no command prints it and exits 2', async () => {
    expect(await run('--help')).toEqual({ code: 0, out: usage(), err: '' });
    expect(await run('pack', '-h')).toEqual({ code: 0, out: usage(), err: '' });
    expect(await run()).toEqual({ code: 2, out: usage(), err: '' });
  });

  it('an unknown command, an unknown flag and a missing operand are usage errors (2), with the usage', async () => {
    expect(await run('frobnicate', 'x.zip')).toEqual({ code: 2, out: '', err: `alien-dataflow: unknown command "frobnicate"\n${usage()}` });
    expect(await run('validate', 'x.zip', '--bogus')).toEqual({ code: 2, out: '', err: `alien-dataflow: unknown flag --bogus for validate\n${usage()}` });
    expect(await run('stats', 'x.zip', '--text-only')).toMatchObject({ code: 2, err: expect.stringContaining('unknown flag --text-only for stats') });
    expect(await run('scrub', 'in.zip')).toEqual({ code: 2, out: '', err: `alien-dataflow: scrub needs <in.zip> <out.zip>\n${usage()}` });
    expect(await run('pack', 'a.zip')).toMatchObject({ code: 2, err: expect.stringContaining('pack needs <export.zip|folder>… and --out DIR') });
    expect(await run('format', 'x.zip', '--out')).toMatchObject({ code: 2, err: expect.stringContaining('--out') });
    // An operand too many is no operand dropped.
    expect(await run('format', 'x.zip', 'out/')).toEqual({ code: 2, out: '', err: 'alien-dataflow: format takes <export.zip>, not also "out/"' });
    expect(await run('scrub', 'in.zip', 'out.zip', 'x', 'y')).toMatchObject({ code: 2, err: expect.stringContaining('scrub takes <in.zip> <out.zip>, not also "x" "y"') });
  });

  it('names what each command needs as its usage line does', () => {
    expect(needsMessage('validate')).toBe('validate needs <export.zip>');
    expect(needsMessage('pack')).toBe('pack needs <export.zip|folder>… and --out DIR');
    for (const name of COMMAND_NAMES) expect(usage()).toContain(`  alien-dataflow ${name} ${needsMessage(name).replace(`${name} needs `, '').replace(' and ', ' ')}`);
  });
});
