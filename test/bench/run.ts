import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBench, type Bench } from './harness.ts';

/** `npm run bench [name-filter]`: runs every *.bench.ts here, or those whose name contains the filter. */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
const bench = createBench((line) => console.log(line));
console.log(`# ADM kiosk benchmarks (${new Date().toISOString()}, node ${process.version})`);
for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: (bench: Bench) => Promise<void> };
  bench.section(file.replace('.bench.ts', ''));
  await module.default(bench);
}
console.log(bench.misses.length === 0 ? '\nAll targets met.' : `\nTargets missed: ${bench.misses.join('; ')}`);
