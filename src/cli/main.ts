// alien-dataflow: the command line over the same core the extension uses. The commands, their
// flags and synopses are in the registry (commands.ts); this reads a command line and runs one.
import { parseArgs } from 'node:util';
import { COMMANDS, COMMON_FLAGS, isCommandName } from './commands';
import type { Command, Flags } from './command';
import { limitsFrom, type InputLimits } from './input-limits';
import { needsMessage, usage } from './usage';
import { UsageError } from './usage-error';
import { print, printError } from './terminal-output';

/** Every command's flags, to find the command (a flag's value is not one) before its own flags are checked. */
const ALL_FLAGS: Flags = Object.assign({}, COMMON_FLAGS, ...Object.values(COMMANDS).map((c: Command) => c.flags));

/** parseArgs' own errors (a flag without its value, a value for a boolean) are usage errors too. */
function parseFlags(argv: string[], options: Flags) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

export async function main(argv: string[]): Promise<number> {
  const first = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: ALL_FLAGS });
  const [name] = first.positionals;
  if (first.values.help || !name) {
    print(usage());
    return first.values.help ? 0 : 2;
  }
  try {
    if (!isCommandName(name)) throw new UsageError(`unknown command "${name}"`);
    const command: Command = COMMANDS[name];
    const flags: Flags = { ...COMMON_FLAGS, ...command.flags };
    const stray = first.tokens.find((t) => t.kind === 'option' && !Object.hasOwn(flags, t.name));
    if (stray?.kind === 'option') throw new UsageError(`unknown flag ${stray.rawName} for ${name}`);
    const { values, positionals: [, ...operands] } = parseFlags(argv, flags);
    let limits: InputLimits;
    try {
      limits = limitsFrom(values);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const missing = (command.needs.flags ?? []).some((f) => !values[f.name]);
    if (operands.length < command.needs.operands.length || missing) throw new UsageError(needsMessage(name));
    // One more operand than a command takes was dropped without a word: 'format x.zip out/' (for --out out/) wrote
    // to the default folder, 'stats a.zip b.zip' said nothing of b.zip.
    const extra = command.needs.more ? [] : operands.slice(command.needs.operands.length);
    if (extra.length) throw new UsageError(`${name} takes ${command.needs.operands.join(' ')}, not also ${extra.map((x) => JSON.stringify(x)).join(' ')}`);
    return await command.run(operands, values, limits);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`alien-dataflow: ${error.message}`);
      if (error.message.startsWith('unknown') || error.message.includes('needs')) printError(usage());
      return 2;
    }
    printError(`alien-dataflow: ${(error as Error).message}`);
    return 1;
  }
}
