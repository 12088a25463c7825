// `stats`: tasks, steps, actions, screenshots, final states, outcomes and redactions of one export.
import { ZIP_PATHS } from '../core/zip-layout';
import { parseTrajectory, exportStats } from '../core/validate-export';
import { FINAL_JSON_PATH } from '../core/final-state';
import { outcomeFromManifest } from '../core/outcome';
import { command } from './command';
import { trajectoryOf } from './zip-input';
import { print } from './terminal-output';

export const statsCommand = command({
  needs: { operands: ['<export.zip>'] },
  flags: { json: { type: 'boolean' } },
  synopsis: ['[--json]'],
  async run([path], values, limits) {
    const { exp, text } = await trajectoryOf(path, limits);
    const { steps, errors } = parseTrajectory(text);
    const s = exportStats(steps);
    const report = JSON.parse((await exp.text(ZIP_PATHS.scrubReport)) ?? '{"totals":{}}') as { totals: Record<string, number> };
    // Final states (final/<task>.json) and the reviewer's labels (manifest.json), unlabelled counted apart.
    const finalStates = [...exp.files].filter((f) => FINAL_JSON_PATH.test(f)).length;
    const outcomes: Record<string, number> = {};
    for (const t of Array.isArray(exp.manifest?.tasks) ? exp.manifest.tasks : []) {
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
    print(`redactions: ${Object.entries(report.totals).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    if (errors.length) print(`${errors.length} trajectory lines do not match the schema (run validate)`);
    return 0;
  },
});
