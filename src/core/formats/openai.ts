// OpenAI fine-tuning lines: {"messages":[…]} and nothing else, each screenshot inline as a data URL or under a
// URL prefix. The check is OpenAI's documented rules for vision fine-tuning data.
import { z } from 'zod';
import { toOpenAi } from '../formatters';
import type { DialogueFormat } from './format';
import { ChatMessageSchema, contentSize, roleErrors } from './messages';
import { shapeOf } from './line-check';

/** OpenAI refuses an example with more images than this. */
export const OPENAI_MAX_IMAGES = 10;
// An extra key next to `messages` makes OpenAI refuse the file.
export const OpenAiLineSchema = z.strictObject({ messages: z.array(ChatMessageSchema).min(2) });
const IMAGE_URL = /^(data:image\/(png|jpeg|webp|gif);base64,|https?:\/\/)/;

export const openai: DialogueFormat<'openai'> = {
  kind: 'dialogue', id: 'openai', file: 'openai.jsonl', label: 'OpenAI fine-tuning, screenshots inline (openai.jsonl)', defaultOn: false, inlineImages: true,
  line: (e, imageUrl, detail) => toOpenAi(e, imageUrl, detail),
  check(line, where) {
    const shape = shapeOf(OpenAiLineSchema, line, where);
    if (shape.errors) return shape.errors;
    const rec = shape.line;
    const { images } = contentSize(rec.messages);
    const errors = roleErrors(rec.messages, where);
    if (images.length > OPENAI_MAX_IMAGES) errors.push(`${where}: ${images.length} images, OpenAI takes at most ${OPENAI_MAX_IMAGES}`);
    for (const url of images) if (!IMAGE_URL.test(url)) errors.push(`${where}: image ${url.slice(0, 60)} is neither a data URL nor an http(s) address`);
    if (rec.messages.some((m) => m.role !== 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'image_url'))) {
      errors.push(`${where}: images are allowed in user messages only`);
    }
    return errors;
  },
};
