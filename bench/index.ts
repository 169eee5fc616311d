// `npm run bench`: runs every bench/*.bench.ts in its own process (so one benchmark's heap never
// colours another's memory figures) and prints their figures in order.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

// Names select benchmarks; flags (`--quick`) are passed on to each of them.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failures = 0;
for (const file of files) {
  console.log(`\n### ${file.replace('.bench.ts', '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, file), ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    failures++;
    console.log(`(${file} exited with ${r.status})`);
  }
}
process.exitCode = failures ? 1 : 0;
