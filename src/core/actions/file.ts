// Files chosen in a file input (their names only).
import { z } from 'zod';
import type { ActionKind, ActionOf } from './kind';
import { column } from './kind';
import { describeTarget } from './words';
import { px, pyAt, pyString } from './python';

export const fields = {
  files: z.array(z.string()).optional(),
};
export type FileAction = ActionOf<'file', typeof fields>;

export const file: ActionKind<FileAction> = {
  type: 'file', fields,
  scrubbed: { 'files[]': 'text' },
  columns: { files: [column({ name: 'files', list: 'string', optional: true, doc: 'file names of an upload' }, (a: FileAction) => a.files)] },
  causesNavigation: false,
  thought: (a, target) => `Choose the file ${(a.files ?? []).join(', ') || '(none)'} in ${describeTarget(target)}.`,
  browserGym: (a, at) => {
    const name = pyString((a.files ?? [])[0] ?? '');
    if (at.bid) return `upload_file(${at.bid}, ${name})`;
    return at.point ? `mouse_upload_file(${px(at.point[0])}, ${px(at.point[1])}, ${name})` : 'noop()';
  },
  pyAutoGui: (_a, at) => pyAt('click', at.point, 'file'),
  replay: () => ({ skip: 'the uploaded file is not part of the export' }),
};
