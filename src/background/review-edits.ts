// A reviewer's edits that hold text: a thought, typed or pasted on the review
// page. It goes through the same boundary as every final string of a step
// before it is stored (core/scrub/step-boundary), with NER, since no page
// scrubbed it first: an e-mail pasted into a thought was stored and exported
// as typed.
import type { MessageOf, Reply } from '../core/messages';
import { scrubThought } from '../core/scrub/step-boundary';
import { storeThought } from '../platform/review-store';
import { fullScrubber } from './scrubber-state';

export async function saveThought(m: MessageOf<'review/thought'>): Promise<Reply<'review/thought'>> {
  if (typeof m.taskId !== 'string' || !Number.isInteger(m.seq) || typeof m.thought !== 'string') return { ok: false, error: 'not a thought edit' };
  const counts: Record<string, number> = {};
  const thought = scrubThought(m.thought, await fullScrubber(), counts);
  try {
    await storeThought(m.taskId, m.seq, thought, counts);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, thought };
}
