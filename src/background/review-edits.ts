// A reviewer's edits that hold text: a thought, typed or pasted on the review
// page. It goes through the same boundary as every final string of a step
// before it is stored (core/scrub/step-boundary), with NER, since no page
// scrubbed it first: an e-mail pasted into a thought was stored and exported
// as typed.
import type { MessageOf, Reply } from '../core/messages';
import { scrubThought } from '../core/scrub/step-boundary';
import { storeOutcome, storeThought } from '../platform/review-store';
import { OUTCOME_NOTE_MAX, OutcomeInputSchema } from '../core/outcome';
import { cutScrubbed } from '../core/scrub/cut';
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

/** A task's outcome label: the note scrubbed like a thought (then cut), a success naming no failure step. */
export async function saveOutcome(m: MessageOf<'review/outcome'>): Promise<Reply<'review/outcome'>> {
  const parsed = OutcomeInputSchema.safeParse(m.label);
  if (typeof m.taskId !== 'string' || !parsed.success) return { ok: false, error: 'not an outcome label' };
  const { outcome, failureSeq, note } = parsed.data;
  try {
    const label = outcome === null ? undefined : {
      outcome, failureSeq: outcome === 'succeeded' ? null : failureSeq,
      note: cutScrubbed(scrubThought(note.trim(), await fullScrubber()), OUTCOME_NOTE_MAX), labelledAt: Date.now(),
    };
    return { ok: true, task: await storeOutcome(m.taskId, label) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
