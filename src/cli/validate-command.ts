// `validate`: schema, element ids, image references, counts, every dialogue line and final state.
import { ZIP_PATHS } from '../core/zip-layout';
import { validateExport } from '../core/validate-export';
import { command } from './command';
import { dialogueLines } from './dialogue-lines';
import { checkFinals, trajectoryOf } from './zip-input';
import { print, printError } from './terminal-output';

/** Problems `validate` prints one per line. */
const MAX_PRINTED_PROBLEMS = 100;

export const validateCommand = command({
  needs: { operands: ['<export.zip>'] },
  flags: {},
  synopsis: [],
  async run([path], _values, limits) {
    const { exp, text } = await trajectoryOf(path, limits);
    const report = validateExport({ files: exp.files, trajectory: text, ...await dialogueLines(exp), manifest: await exp.text(ZIP_PATHS.manifest), finals: await checkFinals(exp) });
    await exp.close();
    if (report.ok) {
      print(`OK: ${report.tasks} tasks, ${report.steps} steps, every image and element id present`);
      return 0;
    }
    // A hostile zip can hold a million bad lines (or one line with a million bad parts): the first ones, then a count.
    for (const e of report.errors.slice(0, MAX_PRINTED_PROBLEMS)) printError(`error: ${e}`);
    if (report.errors.length > MAX_PRINTED_PROBLEMS) printError(`… and ${report.errors.length - MAX_PRINTED_PROBLEMS} more`);
    printError(`${report.errors.length} problems in ${path}`);
    return 1;
  },
});
