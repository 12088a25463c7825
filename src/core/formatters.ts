// Instruction-tuning dialogues from a task's steps.
// ShareGPT (multimodal, as LLaMA-Factory and similar tools read it):
//   {"conversations":[{"from":"human","value":"<image>..."},{"from":"gpt","value":"..."}],"images":[...]}
// with exactly one <image> placeholder per entry of `images`, in order.
// OpenAI-style chat: {"messages":[{"role":"system"|"user"|"assistant","content":...}]}.
import type { Step } from './schema';
import type { Task } from './task';
import { formatStepAction, type ActionStyle } from './action-format';
import { compactDom } from './dom-compact';

export interface FormatOptions {
  actionStyle: ActionStyle;
  includeDom: boolean;
  domMaxChars?: number;
}

export const SYSTEM_PROMPT =
  'You are a web agent. Given the task, a screenshot of the page and optionally its DOM (elements carry id="N"), ' +
  'reply with a short thought, then the next action on its own line after "Action: ".';

function observationText(step: Step, index: number, task: Task, opts: FormatOptions): string {
  const parts: string[] = [];
  if (index === 0) parts.push(`Task: ${task.instruction}`);
  parts.push(`Page: ${step.observation.active_window} (${step.observation.url})`);
  if (opts.includeDom) parts.push(`DOM:\n${compactDom(step.observation.dom_tree, opts.domMaxChars)}`);
  return parts.join('\n');
}

/** The scroll offset before each step (the last scroll step's result), for styles that scroll by a delta. */
function scrollsBefore(steps: Step[]): { x: number; y: number }[] {
  let at = { x: 0, y: 0 };
  return steps.map((s) => {
    const before = at;
    if (s.action.type === 'scroll' && s.action.scroll) at = s.action.scroll;
    return before;
  });
}

function answer(step: Step, opts: FormatOptions, previousScroll: { x: number; y: number }): string {
  return `${step.thought_trace}\nAction: ${formatStepAction(step, opts.actionStyle, previousScroll)}`;
}

export interface ShareGptRecord {
  id: string;
  system: string;
  conversations: { from: 'human' | 'gpt'; value: string }[];
  images: string[];
}

export function toShareGpt(task: Task, steps: Step[], opts: FormatOptions): ShareGptRecord {
  const conversations: ShareGptRecord['conversations'] = [];
  const images: string[] = [];
  const scrolls = scrollsBefore(steps);
  steps.forEach((step, i) => {
    const path = step.observation.screenshot_path;
    if (path) images.push(path);
    conversations.push({ from: 'human', value: `${path ? '<image>\n' : ''}${observationText(step, i, task, opts)}` });
    conversations.push({ from: 'gpt', value: answer(step, opts, scrolls[i]!) });
  });
  return { id: task.id, system: SYSTEM_PROMPT, conversations, images };
}

type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatRecord {
  id: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string | ContentPart[] }[];
}

export function toChatMessages(task: Task, steps: Step[], opts: FormatOptions): ChatRecord {
  const messages: ChatRecord['messages'] = [{ role: 'system', content: SYSTEM_PROMPT }];
  const scrolls = scrollsBefore(steps);
  steps.forEach((step, i) => {
    const content: ContentPart[] = [];
    if (step.observation.screenshot_path) content.push({ type: 'image_url', image_url: { url: step.observation.screenshot_path } });
    content.push({ type: 'text', text: observationText(step, i, task, opts) });
    messages.push({ role: 'user', content });
    messages.push({ role: 'assistant', content: answer(step, opts, scrolls[i]!) });
  });
  return { id: task.id, messages };
}
