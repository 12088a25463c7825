// Process entry of the bundled CLI (build/cli.mjs).
import { main } from './main';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
