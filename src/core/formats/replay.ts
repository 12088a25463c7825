// The replay files of an export: per task, the DevTools Recorder flow (import
// it in DevTools → Recorder, or run it with @puppeteer/replay) and the
// Puppeteer script the library's stringify makes of it.
import type { TaskFilesFormat } from './format';
import { framePath, recorderFlow } from '../recorder-flow';
// The library's own parser and stringify: a flow that imports in DevTools, and the script it makes of it.
import { parse, stringify } from '@puppeteer/replay';

export const replayFiles = (taskId: string): { flow: string; script: string } => ({ flow: `replay/${taskId}.json`, script: `replay/${taskId}.puppeteer.js` });

export const replay: TaskFilesFormat = {
  kind: 'task-files', id: 'replay', option: 'replay',
  label: 'DevTools Recorder flows and Puppeteer scripts (replay/)',
  owns: (path) => path.startsWith('replay/'),
  start() {
    // The frame path of each step's target is read from its tree while the tree is at hand (the trajectory pass);
    // the flows are written later from steps without their trees.
    const frames = new Map<string, number[] | undefined>();
    return {
      see: (taskId, s) => void frames.set(`${taskId}:${s.step_id}`, framePath(s.observation.dom_tree, s.action.element_id ?? s.target?.element_id ?? null)),
      async files(task, steps) {
        const { flow } = recorderFlow(task.instruction, steps, (s) => frames.get(`${task.id}:${s.step_id}`));
        const paths = replayFiles(task.id);
        return [{ path: paths.flow, content: JSON.stringify(flow, null, 2) }, { path: paths.script, content: await stringify(parse(flow)) }];
      },
    };
  },
};
