// Runs npm scripts at the same time (`node scripts/run-together.mjs typecheck lint`): each is one process on one
// core, so on two cores the pair takes as long as the slower one. Each script's output is printed whole, in the
// order named, once it ends; the exit code is the first failure's, or 0.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) throw new Error('usage: run-together.mjs <npm script>…');

const runs = names.map((name) => new Promise((resolve) => {
  const child = spawn('npm', ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => out.push(d));
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
