// One writer, one process (see parquet-writers-bench.mjs). Rows are made in
// batches of 200 and written as row groups, as pack does.
import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

const [writer, out, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg);
const BATCH = 200;
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const dom = '<div id="1"><p id="2">' + 'Product name and a price 12.99 '.repeat(640) + '</p></div>';

function batch(start) {
  const n = Math.min(BATCH, ROWS - start);
  const cols = { task_id: [], step_id: [], action_type: [], dom_tree: [], image_bytes: [], image_path: [] };
  for (let i = 0; i < n; i++) {
    cols.task_id.push(`00000000-0000-4000-8000-${String((start + i) / 20 | 0).padStart(12, '0')}`);
    cols.step_id.push((start + i) % 20 + 1);
    cols.action_type.push(['click', 'type', 'scroll'][i % 3]);
    cols.dom_tree.push(dom);
    cols.image_bytes.push(randomFillSync(new Uint8Array(100_000)));
    cols.image_path.push(`images/step_${start + i}.png`);
  }
  return cols;
}
const inputBytes = ROWS * (100_000 + dom.length + 60);
const t0 = performance.now();
if (writer === 'hyparquet-writer') {
  const { ParquetWriter } = await import('hyparquet-writer');
  const { fileWriter } = await import('hyparquet-writer/src/node.js');
  const w = new ParquetWriter({
    writer: fileWriter(out),
    schema: [
      { name: 'root', num_children: 5 },
      { name: 'task_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'step_id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'action_type', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'dom_tree', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'image', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
      { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
  });
  for (let s = 0; s < ROWS; s += BATCH) {
    const c = batch(s);
    w.write({
      columnData: [
        { name: 'task_id', data: c.task_id }, { name: 'step_id', data: c.step_id }, { name: 'action_type', data: c.action_type },
        { name: 'dom_tree', data: c.dom_tree }, { name: 'image', data: c.image_bytes.map((b, i) => ({ bytes: b, path: c.image_path[i] })) },
      ],
      rowGroupSize: BATCH,
    });
    sample();
  }
  w.finish();
} else {
  const arrow = await import('apache-arrow');
  const pq = await import('parquet-wasm');
  // Record batches are made as parquet-wasm's streaming transform pulls them, one row group each.
  let next = 0;
  const stream = new ReadableStream({
    pull(ctl) {
      if (next >= ROWS) return ctl.close();
      const c = batch(next);
      next += BATCH;
      const table = arrow.tableFromArrays({
        task_id: c.task_id, step_id: Int32Array.from(c.step_id), action_type: c.action_type, dom_tree: c.dom_tree,
        image_bytes: arrow.vectorFromArray(c.image_bytes, new arrow.Binary()), image_path: c.image_path,
      });
      ctl.enqueue(pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')).recordBatch(0));
      sample();
    },
  });
  const fd = openSync(out, 'w');
  for await (const chunk of await pq.transformParquetStream(stream)) {
    writeSync(fd, chunk);
    sample();
  }
  closeSync(fd);
}
sample();
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, peak_rss: peak, input_bytes: inputBytes }));
