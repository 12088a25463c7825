// OpenAI fine-tuning lines: {"messages":[…]} and nothing else, each screenshot inline as a data URL or under a
// URL prefix. The check is OpenAI's documented rules for vision fine-tuning data.
import { z } from 'zod';
import { toOpenAi } from '../formatters';
import type { DialogueFormat } from './format';
import { ChatMessageSchema, roleErrors } from './messages';
import { OPENAI_RULES, openAiLineProblems } from './openai-rules';
import { shapeOf } from './line-check';

/** OpenAI refuses an example with more images than this. */
export const OPENAI_MAX_IMAGES = OPENAI_RULES.maxImagesPerExample;
// An extra key next to `messages` makes OpenAI refuse the file.
export const OpenAiLineSchema = z.strictObject({ messages: z.array(ChatMessageSchema).min(2) });

export const openai: DialogueFormat<'openai'> = {
  kind: 'dialogue', id: 'openai', file: 'openai.jsonl', label: 'OpenAI fine-tuning, screenshots inline (openai.jsonl)', defaultOn: false, inlineImages: true,
  line: (e, imageUrl, detail) => toOpenAi(e, imageUrl, detail),
  check(line, where) {
    const shape = shapeOf(OpenAiLineSchema, line, where);
    if (shape.errors) return shape.errors;
    // The recorder's own turn order, then OpenAI's documented rules (images, their bytes, weights, an assistant).
    const documented = openAiLineProblems(line, 'line').map((p) => `${where}: ${p.replace(/^line:? /, '')}`);
    return [...roleErrors(shape.line.messages, where), ...documented];
  },
};
