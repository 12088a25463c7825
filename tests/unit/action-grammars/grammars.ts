// BrowserGym's and pyautogui's action grammars, from tables taken from their
// own sources (tests/fixtures/action-grammars, made by
// scripts/action-grammar-tables.py: browsergym-core 0.14.3 and pyautogui
// 0.9.54, each with its commit). Neither installs here, so a call is checked
// the way they would take it: the function exists (in the named BrowserGym
// subsets), its arguments bind to the signature, the literals have the types
// the signature (BrowserGym's annotations) or the docstring (pyautogui) asks
// for, bids are not empty, BrowserGym's keys are ones Playwright 1.44 (the
// version browsergym-core pins) resolves, and pyautogui's are its KEY_NAMES, mapped on
// Windows or Linux (whose shortcuts the pyautogui style writes).
import browserGymTable from '../../fixtures/action-grammars/browsergym-core-0.14.3.json';
import pyAutoGuiTable from '../../fixtures/action-grammars/pyautogui-0.9.54.json';
import playwrightTable from '../../fixtures/action-grammars/playwright-1.44.0.json';
import { parsePython, type PyCall, type PyLiteral } from './python-call';

interface Param { name: string; kind: string; annotation: string | null; default?: string }
interface Table { source: { package: string; version: string; commit: string }; functions: Record<string, Param[]> }

export const BROWSERGYM: Table & { always: string[]; subsets: Record<string, string[]> } = browserGymTable;
export const PYAUTOGUI: Table & { KEY_NAMES: string[]; aliases: Record<string, string>; mapped: Record<string, string[]> } = pyAutoGuiTable;
const KEY_NAMES: ReadonlySet<string> = new Set(PYAUTOGUI.KEY_NAMES);
/**
 * Names the style's platforms map: its shortcuts are Windows' and Linux's (hotkey('ctrl', 'v'), ('alt', 'left')),
 * and a KEY_NAME a platform does not map (command on Linux) is taken by press() and does nothing there.
 */
const MAPPED: ReadonlySet<string> = new Set([...PYAUTOGUI.mapped.x11 ?? [], ...PYAUTOGUI.mapped.win ?? []]);

/** Binds a call to a signature as Python does; the bound literals by parameter name, or why it does not bind. */
function bind(call: PyCall, params: Param[]): { bound: Map<string, PyLiteral[]>; problems: string[] } {
  const problems: string[] = [];
  const bound = new Map<string, PyLiteral[]>();
  const positional = params.filter((p) => p.kind === 'positional_or_keyword');
  const rest = params.find((p) => p.kind === 'var_positional');
  call.args.forEach((arg, i) => {
    const p = positional[i];
    if (p) bound.set(p.name, [arg]);
    else if (rest) bound.set(rest.name, [...(bound.get(rest.name) ?? []), arg]);
    else problems.push(`${call.name} takes ${positional.length} positional arguments, ${call.args.length} given`);
  });
  const anyKeyword = params.some((p) => p.kind === 'var_keyword');
  for (const [name, value] of Object.entries(call.kwargs)) {
    const p = params.find((q) => q.name === name && q.kind !== 'var_positional' && q.kind !== 'var_keyword');
    if (!p && !anyKeyword) problems.push(`${call.name} has no parameter ${name}`);
    else if (bound.has(name)) problems.push(`${call.name} got ${name} twice`);
    else bound.set(name, [value]);
  }
  for (const p of params) {
    if (p.default === undefined && (p.kind === 'positional_or_keyword' || p.kind === 'keyword_only') && !bound.has(p.name)) {
      problems.push(`${call.name} is missing ${p.name}`);
    }
  }
  return { bound, problems: [...new Set(problems)] };
}

/** Splits `a | list[b]` or `x, y` at the top level (outside brackets). */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) { out.push(s.slice(start, i).trim()); start = i + sep.length; }
  }
  return [...out, s.slice(start).trim()];
}

/** Whether a literal has the type a BrowserGym annotation names (str, float, int, bool, Literal[…], list[…], unions). */
export function hasType(v: PyLiteral, annotation: string): boolean {
  const union = splitTop(annotation, '|');
  if (union.length > 1) return union.some((t) => hasType(v, t));
  const generic = /^(\w+)\[(.*)\]$/.exec(annotation);
  if (generic?.[1] === 'Literal') return splitTop(generic[2]!, ',').some((lit) => v.kind === 'str' && `'${String(v.value)}'` === lit);
  if (generic?.[1] === 'list') return v.kind === 'list' && (v.items ?? []).every((item) => hasType(item, generic[2]!));
  switch (annotation) {
    case 'str': return v.kind === 'str';
    case 'int': return v.kind === 'int';
    case 'float': return v.kind === 'int' || v.kind === 'float'; // Python accepts an int for a float
    case 'bool': return v.kind === 'bool';
    default: throw new Error(`no rule for the annotation ${annotation}`);
  }
}

/** BrowserGym's parameters that name an element. */
const BID_PARAMS = new Set(['bid', 'from_bid', 'to_bid']);

export const PLAYWRIGHT: { source: Table['source']; keys: string[] } = playwrightTable;
const PLAYWRIGHT_KEYS: ReadonlySet<string> = new Set(PLAYWRIGHT.keys);
/** BrowserGym's parameters that Playwright's keyboard reads as a key or chord (press's key_comb, keyboard_*'s key). */
const KEY_PARAMS: Record<string, string> = { press: 'key_comb', keyboard_press: 'key', keyboard_down: 'key', keyboard_up: 'key' };

/** A chord's keys as Playwright's keyboard.press() splits it (server/input.ts): a '+' after a key separates. */
export function playwrightSplit(chord: string): string[] {
  const keys: string[] = [];
  let building = '';
  for (const c of chord) {
    if (c === '+' && building) { keys.push(building); building = ''; } else building += c;
  }
  return [...keys, building];
}

/** The functions a HighLevelActionSet of these subsets allows (noop always). */
export function browserGymActions(subsets: readonly string[]): Set<string> {
  return new Set([...BROWSERGYM.always, ...subsets.flatMap((s) => {
    const names = BROWSERGYM.subsets[s];
    if (!names) throw new Error(`BrowserGym has no subset ${s}`);
    return names;
  })]);
}

/** Why BrowserGym, with these subsets, would refuse this action; empty when it takes it. */
export function browserGymProblems(code: string, subsets: readonly string[]): string[] {
  let statements;
  try { statements = parsePython(code); } catch (e) { return [`not a call: ${(e as Error).message}`]; }
  const calls = statements.flatMap((s) => ('call' in s ? [s.call] : []));
  // The action parser skips comments; an action of nothing but comments is "an empty action".
  if (!calls.length) return ['no call: BrowserGym raises "Received an empty action"'];
  const allowed = browserGymActions(subsets);
  return calls.flatMap((call) => {
    if (!allowed.has(call.name)) return [`${call.name} is not in the subsets ${subsets.join(', ')}`];
    const params = BROWSERGYM.functions[call.name]!;
    const { bound, problems } = bind(call, params);
    for (const p of params) {
      const [v] = bound.get(p.name) ?? [];
      if (!v || !p.annotation) continue;
      if (!hasType(v, p.annotation)) problems.push(`${call.name}(${p.name}=…) is not ${p.annotation}`);
      if (BID_PARAMS.has(p.name) && v.value === '') problems.push(`${call.name} has an empty ${p.name}`);
      if (KEY_PARAMS[call.name] === p.name && v.kind === 'str') {
        const unknown = playwrightSplit(String(v.value)).filter((k) => !PLAYWRIGHT_KEYS.has(k));
        for (const k of unknown) problems.push(`${call.name}: Playwright ${PLAYWRIGHT.source.version} raises Unknown key: ${JSON.stringify(k)}`);
      }
    }
    return problems;
  });
}

/** The types pyautogui's docstrings give the parameters our calls pass (its functions are not annotated). */
const PYAUTOGUI_TYPES: Record<string, (v: PyLiteral) => boolean> = {
  // Pixels: pyautogui takes ints or floats (rounded down); a call without them acts wherever the pointer is.
  x: (v) => v.kind === 'int' || v.kind === 'float',
  y: (v) => v.kind === 'int' || v.kind === 'float',
  clicks: (v) => v.kind === 'int',
  message: (v) => v.kind === 'str',
  seconds: (v) => v.kind === 'int' || v.kind === 'float',
};

/** Functions that act at a point: they need x and y, or they act at the pointer's current place. */
const AT_A_POINT = new Set(['click', 'doubleClick', 'rightClick', 'tripleClick', 'moveTo', 'dragTo', 'mouseDown', 'mouseUp']);

/** A key as pyautogui's press()/hotkey() look it up (names longer than a character in lower case), mapped on Windows or Linux. */
function validKey(v: PyLiteral): boolean {
  if (v.kind !== 'str') return false;
  const k = String(v.value);
  if (k.length <= 1) return KEY_NAMES.has(k);
  return KEY_NAMES.has(k.toLowerCase()) && MAPPED.has(k.toLowerCase());
}

/** What typewrite()/write() types: KEY_NAMES characters and capitals (shifted); it skips anything else silently. */
function writable(text: string): boolean {
  return [...text].every((c) => KEY_NAMES.has(c) || /[A-Z]/.test(c));
}

/** pyperclip.copy(text): pyperclip is installed with pyautogui (through mouseinfo's install_requires). */
const PYPERCLIP: Record<string, Param[]> = { copy: [{ name: 'text', kind: 'positional_or_keyword', annotation: null }] };

function pyAutoGuiCallProblems(call: PyCall): string[] {
  const [module, fn, extra] = call.name.split('.');
  const params = extra === undefined && fn !== undefined
    ? module === 'pyautogui' ? PYAUTOGUI.functions[fn] : module === 'pyperclip' ? PYPERCLIP[fn] : undefined
    : undefined;
  if (!params || !fn) return [`${call.name} is not a pyautogui (or pyperclip) function`];
  const { bound, problems } = bind(call, params);
  for (const [name, values] of bound) {
    const check = PYAUTOGUI_TYPES[name];
    if (check && !values.every(check)) problems.push(`${call.name}(${name}=…) has the wrong type`);
  }
  if (AT_A_POINT.has(fn) && !(bound.has('x') && bound.has('y'))) problems.push(`${call.name} has no point: it would act wherever the pointer is`);
  const name = PYAUTOGUI.aliases[fn] ?? fn;
  if (name === 'press' || name === 'keyDown' || name === 'keyUp') {
    const [keys] = bound.get(name === 'press' ? 'keys' : 'key') ?? [];
    const each = keys?.kind === 'list' ? keys.items ?? [] : keys ? [keys] : [];
    for (const k of each) if (!validKey(k)) problems.push(`${call.name}: ${JSON.stringify(k.value)} is not in KEY_NAMES (or not mapped on Windows or Linux)`);
  }
  if (name === 'hotkey') {
    for (const k of bound.get('args') ?? []) if (!validKey(k)) problems.push(`${call.name}: ${JSON.stringify(k.value)} is not in KEY_NAMES (or not mapped on Windows or Linux)`);
    for (const kw of Object.keys(call.kwargs)) if (kw !== 'interval' && kw !== 'logScreenshot') problems.push(`hotkey ignores ${kw}`);
  }
  if (name === 'typewrite') {
    const [m] = bound.get('message') ?? [];
    if (m?.kind === 'str' && !writable(String(m.value))) problems.push(`${call.name} would skip characters of ${JSON.stringify(m.value)}`);
  }
  if (name === 'scroll' || name === 'hscroll' || name === 'vscroll') {
    if (bound.get('clicks')?.[0]?.value === 0) problems.push(`${call.name}(0) does nothing`);
  }
  return problems;
}

/** pyautogui's documented pseudo-action for the end of a task (see agent-action-styles DONE_ACTIONS). */
export const PYAUTOGUI_PSEUDO_ACTIONS = new Set(['DONE']);

/**
 * Why pyautogui would not run this action as intended; empty when every call binds with valid keys. A line of
 * only a comment is a note (an action pyautogui cannot do), reported in `notes`, not as a problem.
 */
export function pyAutoGuiProblems(code: string): { problems: string[]; notes: string[] } {
  if (PYAUTOGUI_PSEUDO_ACTIONS.has(code)) return { problems: [], notes: [code] };
  let statements;
  try { statements = parsePython(code); } catch (e) { return { problems: [`not Python calls: ${(e as Error).message}`], notes: [] }; }
  const notes = statements.flatMap((s) => ('comment' in s ? [s.comment] : []));
  const problems = statements.flatMap((s) => ('call' in s ? pyAutoGuiCallProblems(s.call) : []));
  if (!statements.length) problems.push('empty');
  return { problems, notes };
}
