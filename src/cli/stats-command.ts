// `stats`: tasks, steps, actions, screenshots, final states, outcomes and redactions of one export.
import { ZIP_PATHS } from '../core/zip-layout';
import { parseTrajectory, exportStats } from '../core/validate-export';
import { outcomeFromManifest } from '../core/outcome';
import { command } from './command';
import { finalOf, taskEntries, trajectoryOf, type ExportZip } from './zip-input';
import { print } from './terminal-output';

export const statsCommand = command({
  needs: { operands: ['<export.zip>'] },
  flags: { json: { type: 'boolean' } },
  synopsis: ['[--json]'],
  async run([path], values, limits) {
    const { exp, text } = await trajectoryOf(path, limits);
    const { steps, errors } = parseTrajectory(text);
    const s = exportStats(steps);
    const report = { totals: redactionTotals(await exp.text(ZIP_PATHS.scrubReport)) };
    // The manifest's tasks by id (the first entry of an id listed twice; entries that are no task left out by openExport).
    const listed = taskEntries(exp.manifest);
    let finalStates: number;
    try {
      finalStates = await ownFinalStates(exp, [...new Set([...steps.map((st) => st.task_id), ...listed.keys()])]);
    } finally {
      await exp.close();
    }
    // The reviewer's labels (manifest.json), unlabelled counted apart; a task listed twice is one task.
    const outcomes: Record<string, number> = {};
    for (const t of listed.values()) {
      const o = outcomeFromManifest(t)?.outcome ?? 'unlabelled';
      outcomes[o] = (outcomes[o] ?? 0) + 1;
    }
    if (values.json) {
      print(JSON.stringify({ ...s, final_states: finalStates, outcomes, redactions: report.totals, invalid_lines: errors.length }, null, 2));
      return 0;
    }
    print(`tasks ${s.tasks}, steps ${s.steps} (per task ${s.steps_per_task.min}-${s.steps_per_task.max}, mean ${s.steps_per_task.mean})`);
    print(`screenshots ${s.screenshots} (${s.fresh_screenshots} fresh pre-action frames)`);
    print(`actions: ${Object.entries(s.actions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    print(`mean dom_tree ${s.avg_dom_tree_chars} chars`);
    print(`final states ${finalStates}; outcomes: ${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    print(report.totals ? `redactions: ${Object.entries(report.totals).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}` : 'redactions: unknown (scrub_report.json is not a report)');
    if (errors.length) print(`${errors.length} trajectory lines do not match the schema (run validate)`);
    return 0;
  },
});

/**
 * How many of the zip's tasks (those with steps, and those the manifest lists) have a final state of their own, read
 * as format, scrub and pack read it (finalOf): every final/*.json was counted, so a final/<B>.json holding task A's
 * state counted A's final state twice, once as B's, and a file of a task the zip does not hold counted too.
 */
async function ownFinalStates(exp: ExportZip, taskIds: string[]): Promise<number> {
  let n = 0;
  for (const id of taskIds) if (await finalOf(exp, id)) n++;
  return n;
}

/**
 * scrub_report.json's totals (rule: count), or null when it is not that shape: the file is anyone's, and
 * `{"totals":null}` or a line that is not JSON had ended stats with 'Cannot convert undefined or null to object'
 * or 'Unexpected token' after half its table.
 */
function redactionTotals(text: string | null): Record<string, number> | null {
  if (text === null) return {};
  try {
    const totals: unknown = (JSON.parse(text) as { totals?: unknown } | null)?.totals;
    if (!totals || typeof totals !== 'object' || Array.isArray(totals)) return null;
    return Object.values(totals).every((n) => Number.isInteger(n)) ? (totals as Record<string, number>) : null;
  } catch {
    return null;
  }
}

