// The report `alien-dataflow replay` writes, as a schema: the CLI produces it,
// the review page reads one a person loads (a file is checked, not trusted).
import { z } from 'zod';

export const ReplayStepResultSchema = z.object({
  step_id: z.number().int().min(1),
  type: z.string().max(40),
  status: z.enum(['ok', 'failed', 'skipped']),
  selector: z.string().max(2000).optional(),
  reason: z.string().max(2000).optional(),
});

export const ReplayReportSchema = z.object({
  source: z.string().max(4000),
  replayed_at: z.string().max(64),
  tasks: z.array(z.object({
    task_id: z.string().max(64),
    instruction: z.string().max(10_000),
    steps: z.array(ReplayStepResultSchema).max(100_000),
    score: z.number().min(0).max(1),
  })).max(100_000),
  summary: z.object({ ok: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
  /** Requests the replay stopped because their host was not accepted (the first 1000). */
  blocked: z.array(z.object({
    task_id: z.string().max(64),
    step_id: z.number().int().min(1).nullable(),
    host: z.string().max(300),
    url: z.string().max(500),
    navigation: z.boolean().describe('a top-level navigation (a redirect, a link, a script) rather than a page\'s resource'),
  })).max(1000).optional(),
});

export type ReplayStepResult = z.infer<typeof ReplayStepResultSchema>;
export type ReplayReport = z.infer<typeof ReplayReportSchema>;
