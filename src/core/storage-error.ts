// Storage errors worth telling apart: a full disk or quota is not a bug and
// not the step's fault; the step must wait for space, not be dropped.
export function isStorageFull(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return true;
  return /quota|disk (is )?full|no space left|not enough space/i.test(String((error as { message?: unknown } | null)?.message ?? error));
}

export const STORAGE_FULL_MESSAGE =
  'Storage is full: new steps are held in their pages until there is space. Free disk space, or export and delete old tasks.';
