// The usage text and the usage errors, made from the command registry (commands.ts) alone.
import { COMMANDS, COMMAND_NAMES, type CommandName } from './commands';
import type { Command } from './command';
import { DEFAULT_INPUT_LIMITS, LIMIT_FLAGS, formatAmount, type InputLimits } from './input-limits';

/** What each limit caps, for the usage (a Record: a new limit cannot go unexplained). */
const LIMIT_MEANING: Record<keyof InputLimits, (def: string) => string> = {
  maxInflatedBytes: (d) => `all entries of one zip, uncompressed (default ${d}; K, M, G suffixes)`,
  maxLines: (d) => `lines of one text file (default ${d})`,
  maxImagePixels: (d) => `pixels of one screenshot, read from its PNG header before decoding (default ${d})`,
  maxImageSide: (d) => `width or height of one screenshot (default ${d})`,
  maxFieldChars: (d) => `characters of one text field scrub and pack --config scrub (default ${d})`,
};

/** A command's operands as the usage writes them: `<in.zip> <out.zip>`, `<export.zip|folder>…`. */
const operands = ({ needs }: Command): string => needs.operands.map((o, i) => (needs.more && i === needs.operands.length - 1 ? `${o}…` : o)).join(' ');
/** The flags it cannot run without: `--out DIR`. */
const requiredFlags = ({ needs }: Command): string[] => (needs.flags ?? []).map((f) => `--${f.name} ${f.arg}`);

/** A command's lines of the usage: its name, what it needs, then its flags, continued under the first. */
export function synopsis(name: CommandName): string {
  const c: Command = COMMANDS[name];
  const head = `  alien-dataflow ${name} `;
  const [first = '', ...rest] = c.synopsis;
  const firstLine = head + [operands(c), ...requiredFlags(c), first].filter(Boolean).join(' ');
  return [firstLine, ...rest.map((line) => ' '.repeat(head.length) + line)].join('\n');
}

function limitLines(): string[] {
  const keys = Object.keys(LIMIT_FLAGS) as (keyof InputLimits)[];
  return keys.map((k) => {
    const { flag, unit } = LIMIT_FLAGS[k];
    return `  ${`${flag} N`.padEnd(25)}${LIMIT_MEANING[k](formatAmount(DEFAULT_INPUT_LIMITS[k], unit))}`;
  });
}

export function usage(): string {
  return [
    'usage:',
    ...COMMAND_NAMES.map(synopsis),
    'limits on what an input zip may cost (every command; an error names the limit it hit):',
    ...limitLines(),
  ].join('\n');
}

/** The error for a command line without what the command needs: `pack needs <export.zip|folder>… and --out DIR`. */
export function needsMessage(name: CommandName): string {
  const c: Command = COMMANDS[name];
  return `${name} needs ${[operands(c), ...requiredFlags(c)].join(' and ')}`;
}
