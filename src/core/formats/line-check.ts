// Helpers the formats' line checks share: a zod shape, and the context budget
// every dialogue line is held to (the defaults fit an 8k-token context).
import type { z } from 'zod';
import { CONTEXT_TOKENS, TOKENS_PER_IMAGE } from '../formatters';

/** The line as its schema reads it, or its shape problems as one message naming the paths. */
export function shapeOf<T>(schema: z.ZodType<T>, line: unknown, where: string): { line: T; errors?: never } | { errors: string[] } {
  const parsed = schema.safeParse(line);
  if (parsed.success) return { line: parsed.data };
  return { errors: [`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ')}`] };
}

/** Characters / 4 for text and TOKENS_PER_IMAGE per screenshot, against CONTEXT_TOKENS. */
export function budgetErrors(where: string, chars: number, images: number): string[] {
  const tokens = Math.ceil(chars / 4) + images * TOKENS_PER_IMAGE;
  return tokens > CONTEXT_TOKENS ? [`${where}: about ${tokens} tokens, over a ${CONTEXT_TOKENS}-token context; export with a smaller window`] : [];
}
