// Chat messages for your own loaders: {"id","messages":[{"role","content"}]}, every content a list of parts
// (text, and the screenshot as an image_url part holding its relative path).
import { z } from 'zod';
import { SYSTEM_PROMPT, toChatMessages, toShareGpt } from '../formatters';
import { MESSAGES_COLUMNS } from '../dataset/columns';
import type { DialogueFormat } from './format';
import { budgetErrors, shapeOf } from './line-check';
import { inlineImages } from './inline-images';

const Part = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string(), detail: z.enum(['low', 'high', 'auto']).optional() }) }),
]);
export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  // Exports before every content became a list of parts wrote the system and assistant content as strings.
  content: z.union([z.string(), z.array(Part)]),
});
export const MessagesLineSchema = z.object({ id: z.string().optional(), messages: z.array(ChatMessageSchema).min(2) });
type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Turn order every chat trainer expects: an optional system message, then user and assistant in pairs. */
export function roleErrors(messages: readonly ChatMessage[], where: string): string[] {
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  const ok = turns.length > 0 && turns.length % 2 === 0 && turns.every((m, k) => m.role === (k % 2 === 0 ? 'user' : 'assistant'));
  return ok ? [] : [`${where}: after the system message, turns must alternate user, assistant, … and end with assistant`];
}

/** The text characters and image parts of a line's messages, for its token budget. */
export function contentSize(messages: readonly ChatMessage[]): { chars: number; images: string[] } {
  let chars = 0;
  const images: string[] = [];
  for (const m of messages) {
    if (typeof m.content === 'string') chars += m.content.length;
    else for (const p of m.content) if (p.type === 'text') chars += p.text.length; else images.push(p.image_url.url);
  }
  return { chars, images };
}

export const messages: DialogueFormat<'messages'> = {
  kind: 'dialogue', id: 'messages', file: 'messages.jsonl', label: 'Chat messages (messages.jsonl)', defaultOn: true, inlineImages: false,
  line: (e) => toChatMessages(e),
  check(line, where, c) {
    const shape = shapeOf(MessagesLineSchema, line, where);
    if (shape.errors) return shape.errors;
    const rec = shape.line;
    const { chars, images } = contentSize(rec.messages);
    return [
      ...roleErrors(rec.messages, where),
      ...images.filter((img) => !c.files.has(img)).map((img) => `${where}: image ${img} is missing`),
      ...budgetErrors(where, chars, images.length),
    ];
  },
  parquet: {
    // Off in pack unless asked: each config embeds the screenshots again.
    columns: MESSAGES_COLUMNS, defaultOn: false,
    row: (e, images) => {
      const rec = toShareGpt(e);
      const rows = [{ role: 'system', content: SYSTEM_PROMPT }, ...rec.conversations.map((t) => ({ role: t.from === 'human' ? 'user' : 'assistant', content: t.value }))];
      return { id: rec.id, messages: rows, images: inlineImages(rec.images, images) };
    },
  },
};
