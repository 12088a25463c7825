// The shape of one CLI command: what it needs, its flags (for node:util parseArgs), its
// synopsis and its run. The registry (commands.ts) gathers them; the usage text, --help and
// the usage errors are all made from it (usage.ts), so a command is described in one place.
import type { FlagValues } from './export-flags';
import type { InputLimits } from './input-limits';

/** A flag as parseArgs takes it. */
export interface Flag { readonly type: 'string' | 'boolean'; readonly short?: string }
export type Flags = Readonly<Record<string, Flag>>;

type ValuesOf<F extends Flags> = { readonly [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string };
/** One string per operand named, then any more given. */
type OperandsOf<O extends readonly string[]> = readonly [...{ -readonly [K in keyof O]: string }, ...string[]];

/** A command as its file writes it: its run sees its own flags and operands, typed. */
export interface CommandSpec<F extends Flags, O extends readonly string[]> {
  /** What it cannot run without, as the usage writes it: operands (`more`: one or more of the last), required flags (`--out DIR`). */
  readonly needs: { readonly operands: O; readonly more?: boolean; readonly flags?: readonly { readonly name: keyof F & string; readonly arg: string }[] };
  /** Its flags beyond those every command takes (the input limits, --help). */
  readonly flags: F;
  /** Its optional flags as the usage lists them, one string per usage line. */
  readonly synopsis: readonly string[];
  /** The exit status: 0 ok, 1 problems found or an input unreadable; a UsageError thrown is 2. */
  run(operands: OperandsOf<O>, values: ValuesOf<F>, limits: InputLimits): Promise<number>;
}

/** A command as the registry holds it: any command's flags and operands. */
export interface Command {
  readonly needs: { readonly operands: readonly string[]; readonly more?: boolean; readonly flags?: readonly { readonly name: string; readonly arg: string }[] };
  readonly flags: Flags;
  readonly synopsis: readonly string[];
  run(operands: readonly string[], values: FlagValues, limits: InputLimits): Promise<number>;
}

export function command<const F extends Flags, const O extends readonly string[]>(spec: CommandSpec<F, O>): Command {
  // main parses the command line with exactly these flags and checks the operands' count before run: the types hold.
  return { ...spec, run: (operands, values, limits) => spec.run(operands as OperandsOf<O>, values as ValuesOf<F>, limits) };
}
