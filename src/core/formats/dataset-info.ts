// LLaMA-Factory's dataset_info.json: one entry per dialogue file (or packed config) that LLaMA-Factory loads,
// gathered from the formats that say how (`llamaFactory`); not written when none of them was.
import type { DialogueFormat, IndexFormat } from './format';

export function llamaFactoryInfo(written: readonly { format: DialogueFormat; path: string }[]): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  for (const { format, path } of written) Object.assign(info, format.llamaFactory?.(path));
  return info;
}

export const datasetInfoFormat: IndexFormat = {
  kind: 'index', id: 'dataset_info', file: 'dataset_info.json',
  content(written) {
    const info = llamaFactoryInfo(written);
    return Object.keys(info).length ? JSON.stringify(info, null, 2) : null;
  },
};
