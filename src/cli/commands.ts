// The CLI's commands, each in a file of its own, and the flags every command takes. The usage
// text, --help and the usage errors come from here (usage.ts): a command added here is documented
// by its own entry, and tests/unit/cli-commands.test.ts checks docs/cli.md and the README name it.
import type { Command, Flags } from './command';
import { LIMIT_FLAGS } from './input-limits';
import { validateCommand } from './validate-command';
import { statsCommand } from './stats-command';
import { formatCommand } from './format-command';
import { scrubCommand } from './scrub-command';
import { packCommand } from './pack-command';
import { replayCommand } from './replay-command';

/** In the order the usage lists them. */
export const COMMANDS = {
  validate: validateCommand,
  stats: statsCommand,
  format: formatCommand,
  scrub: scrubCommand,
  pack: packCommand,
  replay: replayCommand,
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** Every command takes --help and the limits on what an input zip may cost (input-limits). */
export const COMMON_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(Object.values(LIMIT_FLAGS).map(({ flag }) => [flag.slice(2), { type: 'string' }])),
} as const satisfies Flags;
