// The dialogue files an export zip holds, read for the validator by format id.
import { DIALOGUE_FORMATS, type DialogueFormat, type DialogueFormatId } from '../core/formats/registry';
import type { ExportZip } from './zip-input';

export async function dialogueLines(exp: ExportZip, formats: readonly DialogueFormat[] = DIALOGUE_FORMATS): Promise<Partial<Record<DialogueFormatId, string[] | null>>> {
  const out: Partial<Record<DialogueFormatId, string[] | null>> = {};
  for (const f of formats) if (exp.files.has(f.file)) out[f.id] = await exp.lines(f.file);
  return out;
}
