// Every export format, declared once: its id, where it goes, the label a
// person sees, and how one training example becomes a line or a row. The zip
// writer, `format`, `pack`, the validator and the popup's checkboxes all read
// this list, so adding a format is one entry here.
import { toChatMessages, toOpenAi, toShareGpt, SYSTEM_PROMPT, type Example } from '../formatters';
import { MESSAGES_COLUMNS, SHAREGPT_COLUMNS, type Field } from '../dataset/columns';

export const DIALOGUE_FORMAT_IDS = ['sharegpt', 'messages', 'openai'] as const;
export type DialogueFormatId = (typeof DIALOGUE_FORMAT_IDS)[number];

/** How a line refers to a screenshot: by its path in the zip, or inline / under a URL prefix. */
export type ImageUrl = (path: string) => string;

export interface DialogueFormat {
  id: DialogueFormatId;
  /** File in an export zip (and in `format --out`). */
  file: string;
  /** The popup's checkbox label. */
  label: string;
  /** On unless the person turns it off (OpenAI lines embed every screenshot, so they are off by default). */
  defaultOn: boolean;
  /** True when a line carries the screenshots themselves (it needs their bytes). */
  inlineImages: boolean;
  /** One JSON line per example. */
  line(e: Example, imageUrl: ImageUrl, detail?: 'low'): unknown;
  /** As a Parquet config of a packed dataset: its folder, columns and row (screenshots inline); absent for lines-only formats. */
  parquet?: { columns: Field[]; row(e: Example, images: Map<string, Uint8Array>): Record<string, unknown> };
}

const inline = (paths: string[], images: Map<string, Uint8Array>): { bytes: Uint8Array | null; path: string | undefined }[] =>
  paths.map((p) => ({ bytes: images.get(p) ?? null, path: p.split('/').pop() }));

export const DIALOGUE_FORMATS: readonly DialogueFormat[] = [
  {
    id: 'sharegpt', file: 'sharegpt.jsonl', label: 'ShareGPT (sharegpt.jsonl)', defaultOn: true, inlineImages: false,
    line: (e) => toShareGpt(e),
    parquet: {
      columns: SHAREGPT_COLUMNS,
      row: (e, images) => {
        const rec = toShareGpt(e);
        return { id: rec.id, system: rec.system, conversations: rec.conversations, images: inline(rec.images, images) };
      },
    },
  },
  {
    id: 'messages', file: 'messages.jsonl', label: 'Chat messages (messages.jsonl)', defaultOn: true, inlineImages: false,
    line: (e) => toChatMessages(e),
    parquet: {
      columns: MESSAGES_COLUMNS,
      row: (e, images) => {
        const rec = toShareGpt(e);
        const messages = [{ role: 'system', content: SYSTEM_PROMPT }, ...rec.conversations.map((c) => ({ role: c.from === 'human' ? 'user' : 'assistant', content: c.value }))];
        return { id: rec.id, messages, images: inline(rec.images, images) };
      },
    },
  },
  {
    id: 'openai', file: 'openai.jsonl', label: 'OpenAI fine-tuning, screenshots inline (openai.jsonl)', defaultOn: false, inlineImages: true,
    line: (e, imageUrl, detail) => toOpenAi(e, imageUrl, detail),
  },
];

export function dialogueFormat(id: DialogueFormatId): DialogueFormat {
  return DIALOGUE_FORMATS.find((f) => f.id === id)!;
}

/** The formats `pack` can write as Parquet configs beside the steps. */
export const PARQUET_DIALOGUES = DIALOGUE_FORMATS.filter((f) => f.parquet);

/**
 * The replay files of an export: per task, the DevTools Recorder flow (import
 * it in DevTools → Recorder, or run it with @puppeteer/replay) and the
 * Puppeteer script the library's stringify makes of it.
 */
export const REPLAY_FORMAT = {
  id: 'recorder',
  label: 'DevTools Recorder flows and Puppeteer scripts (replay/)',
  files: (taskId: string) => ({ flow: `replay/${taskId}.json`, script: `replay/${taskId}.puppeteer.js` }),
} as const;

/** Base64 of bytes, in chunks (String.fromCharCode on a whole screenshot would overflow the stack). */
export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * One example's line in `format`: screenshots referred to by their zip path,
 * or, for formats that carry them, under `prefix` or inline as data URLs.
 */
export async function formatLine(
  format: DialogueFormat, e: Example, o: { prefix?: string; detail?: 'low'; bytes: (path: string) => Promise<Uint8Array | null> },
): Promise<string> {
  const urls = new Map<string, string>();
  for (const t of e.turns) {
    if (!format.inlineImages || !t.image || urls.has(t.image)) continue;
    const bytes = o.prefix ? null : await o.bytes(t.image);
    urls.set(t.image, o.prefix ? `${o.prefix.replace(/\/?$/, '/')}${t.image}` : bytes ? `data:image/png;base64,${base64(bytes)}` : t.image);
  }
  return JSON.stringify(format.line(e, (p) => urls.get(p) ?? p, o.detail));
}
