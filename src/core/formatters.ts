// Instruction-tuning dialogues from a task's steps, shaped so they train as
// exported:
// - a task becomes windows of `window` steps (default 1: one example per
//   step). Each example repeats the task, carries the earlier actions as
//   text, and holds at most `maxImages` screenshots (the current one, plus
//   the last few of its window if asked), so the defaults fit an 8k-token
//   context at ~800 tokens per image instead of one 87k-token example;
// - a confirmed task ends with a `done` turn (BrowserGym send_msg_to_user,
//   pyautogui DONE, {"type":"done"});
// - ShareGPT (LLaMA-Factory and similar): {"id","system","conversations":[{"from":"human"|"gpt","value"}],"images"},
//   one <image> per entry of `images`, in order, turns alternating from human;
// - chat messages: {"id","messages":[{"role","content"}]} with image parts by relative path;
// - OpenAI fine-tuning: {"messages":[…]} only, images as data URLs or under a
//   URL prefix, at most 10 per example, optional detail "low".
import type { Step } from './schema';
import type { Task } from './task';
import type { FinalState } from './final-state';
import { formatStepAction } from './action-format';
import { treeText } from './observation-trees';
import { DONE_ACTIONS } from './agent-action-styles';
// Type only: export-options reads this module's defaults.
import type { ExampleOptions } from './export-options';

export const DEFAULT_WINDOW = 1;
export const DEFAULT_MAX_IMAGES = 1;
/** OpenAI takes at most 10 images per example; no example carries more. */
export const MAX_IMAGES = 10;
/** What one screenshot costs a vision model, roughly (Qwen2-VL / LLaVA at ~1280x800 after resizing). */
export const TOKENS_PER_IMAGE = 800;
export const CONTEXT_TOKENS = 8192;
/** Earlier actions are listed up to this many (the oldest are summarised by count). */
const HISTORY_MAX = 30;

export const SYSTEM_PROMPT =
  'You are a web agent. Given the task, the actions taken so far, a screenshot of the page and optionally its DOM ' +
  '(elements carry id="N"), reply with a short thought, then the next action on its own line after "Action: ".';

/** The action a step's answer ends with, or the terminal one. */
function actionText(step: Step | 'done', opts: ExampleOptions, previousScroll: { x: number; y: number }): string {
  if (step === 'done') {
    if (opts.actionStyle === 'browsergym') return DONE_ACTIONS.browsergym;
    if (opts.actionStyle === 'pyautogui') return DONE_ACTIONS.pyautogui;
    return opts.actionStyle === 'json' ? '{"type":"done"}' : 'done()';
  }
  const normalized = opts.coordinates === 'normalized' && (opts.actionStyle === 'json' || opts.actionStyle === 'call');
  return formatStepAction(normalized ? withFractionPoints(step) : step, opts.actionStyle, previousScroll);
}

/** A fraction from 0 to 1, as the note says: a point past the screenshot's edge (a drag let go outside the window) is at the edge. */
const fraction = (v: number, of: number): number => Math.min(1, Math.max(0, Math.round((v / of) * 10_000) / 10_000));

/**
 * The step with its points as fractions of the screenshot's width and height (its viewport, in CSS pixels). A
 * step without a usable viewport (0, negative, from a minimised window or a hand-edited zip) has no point to give
 * as a fraction: its points are left out, never written in pixels under the note that says fractions.
 */
export function withFractionPoints(step: Step): Step {
  const { width, height } = step.observation.viewport;
  const usable = width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height);
  const point = (p: [number, number]): [number, number] | null => (usable ? [fraction(p[0], width), fraction(p[1], height)] : null);
  const a = step.action;
  const to = 'to' in a && a.to ? point(a.to) : undefined;
  const moved = { ...a, coordinates: a.coordinates ? point(a.coordinates) : a.coordinates, ...(to ? { to } : {}) };
  if (to === null) delete (moved as { to?: unknown }).to;
  return { ...step, action: moved as Step['action'] };
}

/** Said once per example, so a model reads the numbers right. */
const FRACTIONS_NOTE = 'Coordinates: fractions of the screenshot\'s width and height, from 0 to 1.';

/** The scroll offset before each step (the last scroll step's result), for styles that scroll by a delta. */
export function scrollsBefore(steps: readonly Step[]): { x: number; y: number }[] {
  let at = { x: 0, y: 0 };
  return steps.map((s) => {
    const before = at;
    if (s.action.type === 'scroll' && s.action.scroll) at = s.action.scroll;
    return before;
  });
}

/** One turn of an example: what the model sees, whether a screenshot goes with it, and what it answers. */
export interface Turn { observation: string; image: string | null; answer: string }
export interface Example { id: string; turns: Turn[] }

/**
 * A task's examples, window by window, ending with a done turn when the task is confirmed and not labelled failed
 * or partly done. The done turn sees the task's final state (its screenshot and page) when there is one.
 */
export function taskExamples(task: Task, steps: Step[], opts: ExampleOptions, final: FinalState | null = null): Example[] {
  const window = opts.window === undefined ? DEFAULT_WINDOW : opts.window <= 0 ? Math.max(1, steps.length + 1) : opts.window;
  const maxImages = Math.max(0, Math.min(opts.maxImages ?? DEFAULT_MAX_IMAGES, MAX_IMAGES));
  const scrolls = scrollsBefore(steps);
  const actions = steps.map((s, i) => actionText(s, opts, scrolls[i]!));
  // "The task is complete" is no answer to train on for a task its reviewer marked failed or partly done.
  const done = task.status === 'confirmed' && (task.outcome?.outcome ?? 'succeeded') === 'succeeded';
  const items: (Step | 'done')[] = done ? [...steps, 'done'] : [...steps];
  const examples: Example[] = [];
  for (let start = 0; start < items.length; start += window) {
    const slice = items.slice(start, start + window);
    const imageFrom = Math.max(0, slice.length - maxImages);
    const turns = slice.map((item, k): Turn => {
      const i = start + k;
      const parts: string[] = [];
      if (k === 0) {
        parts.push(`Task: ${task.instruction}`);
        if (opts.coordinates === 'normalized' && (opts.actionStyle === 'json' || opts.actionStyle === 'call')) parts.push(FRACTIONS_NOTE);
        // Only the shown ones are copied: copying every earlier action for each example was quadratic in a task's
        // steps (format of one task of 100,000 steps, anyone's zip: 54 s and 2.4 GB; 25,000: 4.5 s).
        if (i > 0) {
          const shown = actions.slice(Math.max(0, i - HISTORY_MAX), i);
          const skipped = i - shown.length;
          parts.push(`Previous actions:${skipped ? ` (${skipped} earlier not shown)` : ''}\n${shown.map((a, j) => `${skipped + j + 1}. ${a}`).join('\n')}`);
        }
      }
      if (item === 'done') {
        // The page after the last action: the final state's when it was taken, else the last step's address.
        const page = final?.observation ?? steps[steps.length - 1]?.observation;
        parts.push(`Page: ${page ? `${page.active_window} (${page.url}), after the last action` : 'unknown'}`);
        const image = k >= imageFrom ? (final?.observation.screenshot_path ?? null) : null;
        return { observation: parts.join('\n'), image, answer: 'The task is complete.\nAction: ' + actionText('done', opts, { x: 0, y: 0 }) };
      }
      parts.push(`Page: ${item.observation.active_window} (${item.observation.url})`);
      const image = k >= imageFrom ? item.observation.screenshot_path : null;
      return { observation: parts.join('\n'), image, answer: `${item.thought_trace}\nAction: ${actions[i]!}` };
    });
    if (opts.includeDom) withTrees(turns, slice, opts);
    examples.push({ id: `${task.id}:${start + 1}`, turns });
  }
  return examples;
}

/** Characters kept free of the context for the chat template's own tokens and the estimate's error. */
const TEMPLATE_SLACK_CHARS = 400;

/**
 * The page's tree(s) (`observation`: dom, axtree or both) added to each step's turn, each cut to an equal share
 * of what the example has left under CONTEXT_TOKENS once its other text and screenshots are counted, and to
 * `domMaxChars`: an example with trees stays within the window validate checks (line-check's budget).
 */
function withTrees(turns: Turn[], items: readonly (Step | 'done')[], opts: ExampleOptions): void {
  const steps = items.filter((x): x is Step => x !== 'done');
  if (!steps.length) return;
  const used = SYSTEM_PROMPT.length + TEMPLATE_SLACK_CHARS + turns.reduce((n, t) => n + t.observation.length + t.answer.length + 1, 0);
  const free = (CONTEXT_TOKENS - turns.filter((t) => t.image).length * TOKENS_PER_IMAGE) * 4 - used;
  const each = Math.min(opts.domMaxChars ?? 8000, Math.floor(free / steps.length) - 2);
  items.forEach((item, k) => {
    if (item === 'done') return;
    const tree = treeText(item, opts.observation ?? 'dom', each);
    if (tree) turns[k]!.observation += `\n${tree}`;
  });
}

/** Rough token count of an example: characters / 4 for text, TOKENS_PER_IMAGE per screenshot. */
export function estimateTokens(e: Example, system = SYSTEM_PROMPT): number {
  const chars = system.length + e.turns.reduce((n, t) => n + t.observation.length + t.answer.length, 0);
  return Math.ceil(chars / 4) + e.turns.filter((t) => t.image).length * TOKENS_PER_IMAGE;
}

export interface ShareGptRecord {
  id: string;
  system: string;
  conversations: { from: 'human' | 'gpt'; value: string }[];
  images: string[];
}

export function toShareGpt(e: Example): ShareGptRecord {
  const conversations: ShareGptRecord['conversations'] = [];
  const images: string[] = [];
  for (const t of e.turns) {
    if (t.image) images.push(t.image);
    conversations.push({ from: 'human', value: `${t.image ? '<image>\n' : ''}${t.observation}` });
    conversations.push({ from: 'gpt', value: t.answer });
  }
  return { id: e.id, system: SYSTEM_PROMPT, conversations, images };
}

type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: 'low' | 'high' | 'auto' } };

export interface ChatRecord {
  id?: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string | ContentPart[] }[];
}

const text = (t: string): ContentPart[] => [{ type: 'text', text: t }];

/**
 * Chat messages; `imageUrl` turns a screenshot path into what the content part points at. Every message's
 * content is a list of parts, the system's and the assistant's too: pyarrow's JSON reader and `datasets` refuse a
 * column whose type changes from a string to a list between rows ("changed from string to array in row 0").
 */
export function toChatMessages(e: Example, imageUrl: (path: string) => string = (p) => p, detail?: 'low'): ChatRecord {
  const messages: ChatRecord['messages'] = [{ role: 'system', content: text(SYSTEM_PROMPT) }];
  for (const t of e.turns) {
    const content: ContentPart[] = [];
    if (t.image) content.push({ type: 'image_url', image_url: { url: imageUrl(t.image), ...(detail ? { detail } : {}) } });
    content.push({ type: 'text', text: t.observation });
    messages.push({ role: 'user', content });
    messages.push({ role: 'assistant', content: text(t.answer) });
  }
  return { id: e.id, messages };
}

/**
 * OpenAI's fine-tuning line: `messages` only (an extra key is refused), system and assistant content as plain
 * strings as in OpenAI's vision fine-tuning examples, user content as parts.
 */
export function toOpenAi(e: Example, imageUrl: (path: string) => string, detail?: 'low'): { messages: ChatRecord['messages'] } {
  const plain = (c: string | ContentPart[]): string =>
    typeof c === 'string' ? c : c.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return {
    messages: toChatMessages(e, imageUrl, detail).messages.map((m) => (m.role === 'user' ? m : { role: m.role, content: plain(m.content) })),
  };
}
