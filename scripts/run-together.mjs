// Runs npm scripts at the same time (`node scripts/run-together.mjs typecheck lint`): each is one process on one
// core, so on two cores the pair takes as long as the slower one. Each script's output is printed whole, in the
// order named, once it ends; the exit code is the first failure's, or 0. With `--live`, the first script's output
// is printed as it comes (a long run shows its progress), and the others' whole after it ends, never inside a line
// of it.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const live = args[0] === '--live';
const names = live ? args.slice(1) : args;
if (!names.length) throw new Error('usage: run-together.mjs [--live] <npm script>…');

const runs = names.map((name, i) => new Promise((resolve) => {
  const child = spawn('npm', ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const keep = live && i === 0 ? (d) => process.stdout.write(d) : (d) => out.push(d);
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (e) => resolve({ name, code: 1, text: String(e) }));
  child.on('close', (code) => resolve({ name, code: code ?? 1, text: Buffer.concat(out).toString() }));
}));

let failed = 0;
for (const run of runs) {
  const { name, code, text } = await run;
  process.stdout.write(`${text}${code ? `npm run ${name} failed (exit ${code})\n` : ''}`);
  if (code && !failed) failed = code;
}
process.exitCode = failed;
