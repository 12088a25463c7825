// How a packed dataset tells Hugging Face `datasets` its types (issue 27): the
// Parquet metadata's features, written in the form datasets 2.x-5.x all read,
// and the language a page declares. The real `datasets` loads a pack in
// tests/e2e/python-tools.test.ts.
import { describe, expect, it } from 'vitest';
import { hfParquetMetadata, hfYamlFeatures } from '../../src/core/dataset/hf-features';
import { parquetSchema, SHAREGPT_COLUMNS, STEP_COLUMNS, type Field } from '../../src/core/dataset/columns';
import { pageLanguage } from '../../src/core/dataset/page-language';

describe('hf features', () => {
  it('types an image, a list of images, a list of structs, a list of values and a struct', () => {
    const fields: Field[] = [
      { name: 'id', type: 'string', doc: '' },
      { name: 'n', type: 'int32', optional: true, doc: '' },
      { name: 'tags', list: 'string', doc: '' },
      { name: 'turns', doc: '', listOf: [{ name: 'from', type: 'string', doc: '' }] },
      { name: 'images', doc: '', listOf: [{ name: 'bytes', type: 'binary', doc: '' }, { name: 'path', type: 'string', doc: '' }], image: true },
      { name: 'image', doc: '', image: true, struct: [{ name: 'bytes', type: 'binary', doc: '' }, { name: 'path', type: 'string', doc: '' }] },
      { name: 'action', doc: '', struct: [{ name: 'x', type: 'float64', doc: '' }] },
    ];
    const meta = hfParquetMetadata(fields);
    expect(meta.key).toBe('huggingface');
    expect(JSON.parse(meta.value)).toEqual({
      info: {
        features: {
          id: { dtype: 'string', _type: 'Value' },
          n: { dtype: 'int32', _type: 'Value' },
          tags: { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' },
          turns: [{ from: { dtype: 'string', _type: 'Value' } }],
          images: { feature: { _type: 'Image' }, _type: 'Sequence' },
          image: { _type: 'Image' },
          action: { x: { dtype: 'float64', _type: 'Value' } },
        },
      },
    });
    expect(hfYamlFeatures(fields).map((f) => f.name)).toEqual(fields.map((f) => f.name));
    expect(hfYamlFeatures(SHAREGPT_COLUMNS).find((f) => f.name === 'images')).toEqual({ name: 'images', sequence: 'image' });
  });

  it('writes every Parquet field nullable, as datasets does, so its features match the file', () => {
    for (const columns of [STEP_COLUMNS, SHAREGPT_COLUMNS]) {
      const kinds = new Set(parquetSchema(columns).slice(1).map((e) => e.repetition_type));
      expect([...kinds].sort()).toEqual(['OPTIONAL', 'REPEATED']);
    }
  });
});

describe('page language', () => {
  it.each([
    ['<html id="1" lang="de-AT"><body id="2"/></html>', 'de'],
    ['<?xml version="1.0"?>\n<html id="1" dir="rtl" lang="ar">', 'ar'],
    ['<html id="1" lang="EN_us">', 'en'],
    ['<html id="1" lang="fil">', 'fil'],
    ['<html id="1">', null],
    ['<html id="1" lang="">', null],
    ['<html id="1" lang="&lt;script&gt;">', null],
    ['<body id="2" lang="fr"><html lang="fr">', null],
  ])('%s -> %s', (tree, lang) => {
    expect(pageLanguage(tree)).toBe(lang);
  });
});
