// The scrub report in every export: counts per rule, per step and in total,
// never the raw values.
export interface ScrubReport {
  totals: Record<string, number>;
  tasks: {
    task_id: string; totals: Record<string, number>; steps: { step_id: number; redactions: Record<string, number> }[];
    /** The task's final state's (core/final-state), when it has one: counted in the totals too. */
    final?: Record<string, number>;
  }[];
}

export function addCounts(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [rule, n] of Object.entries(counts)) into[rule] = (into[rule] ?? 0) + n;
}

export function emptyReport(): ScrubReport {
  return { totals: {}, tasks: [] };
}
