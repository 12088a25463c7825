// What Hugging Face `datasets` should make of each column, in the two places
// it looks: the card's YAML `dataset_info` (read by `load_dataset(repo, config)`)
// and the `huggingface` key of each Parquet file's metadata (read by
// `load_dataset("parquet", data_dir=…)`, which never sees the card). Without
// them a screenshot comes back as {bytes, path}, not an image.
//
// `datasets` uses a file's metadata for a column only when the column's Arrow
// type equals the one it would write itself, nullability included; it writes
// every field nullable, so the Parquet schema does too (columns.ts).
// Lists are written the way datasets 2.x to 5.x all read them: a list of
// values or images as `Sequence`, a list of structs as a one-element list.
import type { Field, Scalar } from './columns';

const DTYPE: Record<Scalar, string> = { string: 'string', int32: 'int32', int64: 'int64', float64: 'float64', bool: 'bool', binary: 'binary' };

/** One feature of the card's YAML (`features:` list entries). */
export type HfYamlFeature = { name: string; dtype?: unknown; struct?: HfYamlFeature[]; sequence?: string; list?: HfYamlFeature[] };

function yamlFeature(f: Field): HfYamlFeature {
  if ('type' in f) return { name: f.name, dtype: DTYPE[f.type] };
  if ('list' in f) return { name: f.name, sequence: DTYPE[f.list] };
  if ('listOf' in f) return f.image ? { name: f.name, sequence: 'image' } : { name: f.name, list: f.listOf.map(yamlFeature) };
  if (f.image) return { name: f.name, dtype: 'image' };
  return { name: f.name, struct: f.struct.map(yamlFeature) };
}

/** The `features:` of one config in the dataset card. */
export function hfYamlFeatures(fields: readonly Field[]): HfYamlFeature[] {
  return fields.map(yamlFeature);
}

type JsonFeature = { [key: string]: unknown };

const value = (t: Scalar): JsonFeature => ({ dtype: DTYPE[t], _type: 'Value' });

function jsonFeature(f: Field): unknown {
  if ('type' in f) return value(f.type);
  if ('list' in f) return { feature: value(f.list), _type: 'Sequence' };
  if ('listOf' in f) return f.image ? { feature: { _type: 'Image' }, _type: 'Sequence' } : [jsonFields(f.listOf)];
  if (f.image) return { _type: 'Image' };
  return jsonFields(f.struct);
}

function jsonFields(fields: readonly Field[]): JsonFeature {
  return Object.fromEntries(fields.map((f) => [f.name, jsonFeature(f)]));
}

/** The Parquet file metadata entry that types these columns for `datasets`. */
export function hfParquetMetadata(fields: readonly Field[]): { key: string; value: string } {
  return { key: 'huggingface', value: JSON.stringify({ info: { features: jsonFields(fields) } }) };
}
