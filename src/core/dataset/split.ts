// Train/validation/test by task, deterministic: a task's split depends only
// on a hash of its id, so re-packing (with more zips) never moves a task.
export type SplitName = 'train' | 'validation' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];
export type SplitRatios = Record<SplitName, number>;

export const DEFAULT_SPLIT: SplitRatios = { train: 0.9, validation: 0.05, test: 0.05 };

/** "0.9,0.05,0.05" → ratios; throws a plain message when the numbers are not three non-negative shares of 1. */
export function parseSplit(text: string): SplitRatios {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0)) throw new Error(`--split wants three numbers like 0.9,0.05,0.05, not "${text}"`);
  const sum = parts[0]! + parts[1]! + parts[2]!;
  if (Math.abs(sum - 1) > 1e-6) throw new Error(`--split shares must add up to 1 (they add up to ${sum})`);
  return { train: parts[0]!, validation: parts[1]!, test: parts[2]! };
}

/** FNV-1a of the task id, mixed by murmur3's finaliser (ids that differ in one digit land far apart), in [0, 1). */
function unitHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

export function splitOf(taskId: string, ratios: SplitRatios): SplitName {
  const u = unitHash(taskId);
  if (u < ratios.train) return 'train';
  if (u < ratios.train + ratios.validation) return 'validation';
  return 'test';
}
