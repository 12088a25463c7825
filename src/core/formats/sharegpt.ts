// ShareGPT lines (LLaMA-Factory and similar): {"id","system","conversations":[{"from","value"}],"images"},
// one <image> per entry of `images`, turns alternating from human.
import { toShareGpt, type ShareGptRecord } from '../formatters';
import { SHAREGPT_COLUMNS } from '../dataset/columns';
import type { DialogueFormat } from './format';
import { budgetErrors } from './line-check';
import { inlineImages } from './inline-images';

type ShareGptLine = Partial<Omit<ShareGptRecord, 'conversations'>> & { conversations?: { from?: string; value: string }[] };

export const sharegpt: DialogueFormat<'sharegpt'> = {
  kind: 'dialogue', id: 'sharegpt', file: 'sharegpt.jsonl', label: 'ShareGPT (sharegpt.jsonl)', defaultOn: true, inlineImages: false,
  line: (e) => toShareGpt(e),
  check(line, where, c) {
    const rec = line as ShareGptLine;
    if (!rec || !Array.isArray(rec.conversations) || !Array.isArray(rec.images)) return [`${where}: needs "conversations" and "images" lists`];
    const errors: string[] = [];
    const placeholders = rec.conversations.reduce((n, m) => n + (m.value.match(/<image>/g) ?? []).length, 0);
    if (placeholders !== rec.images.length) errors.push(`${where}: ${placeholders} <image> placeholders for ${rec.images.length} images`);
    for (const img of rec.images) if (!c.files.has(img)) errors.push(`${where}: image ${img} is missing`);
    // LLaMA-Factory's rules: turns alternate from human, and come in pairs.
    if (rec.conversations.length % 2 !== 0 || rec.conversations.some((m, k) => m.from !== (k % 2 === 0 ? 'human' : 'gpt'))) {
      errors.push(`${where}: turns must alternate human, gpt, … and end with gpt`);
    }
    errors.push(...budgetErrors(where, (rec.system ?? '').length + rec.conversations.reduce((n, m) => n + m.value.length, 0), rec.images.length));
    return errors;
  },
  parquet: {
    columns: SHAREGPT_COLUMNS, defaultOn: true,
    row: (e, images) => {
      const rec = toShareGpt(e);
      return { id: rec.id, system: rec.system, conversations: rec.conversations, images: inlineImages(rec.images, images) };
    },
  },
  // Without the `system` column mapped, the exporter's system prompt is silently replaced by the template's.
  llamaFactory: (path) => ({
    alien_dataflow: {
      file_name: path,
      formatting: 'sharegpt',
      columns: { messages: 'conversations', system: 'system', images: 'images' },
      tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
    },
  }),
};
