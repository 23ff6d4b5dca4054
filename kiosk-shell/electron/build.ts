import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the Electron main process (ESM) and the preload (CommonJS: sandboxed preloads
 * cannot be modules) into dist/electron. npm packages stay external, loaded at run time.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function buildElectron(outDir = join(root, 'dist', 'electron')): Promise<string[]> {
  const common = { bundle: true, platform: 'node' as const, target: 'node20', packages: 'external' as const, logLevel: 'silent' as const };
  // Code splitting keeps the in-process kiosk (and the native modules it imports) in a chunk
  // that only the packaged mode loads.
  await build({
    ...common,
    entryPoints: { main: join(root, 'kiosk-shell/electron/main.ts') },
    format: 'esm',
    splitting: true,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  await build({ ...common, entryPoints: [join(root, 'kiosk-shell/electron/preload.ts')], format: 'cjs', outfile: join(outDir, 'preload.cjs') });
  return [join(outDir, 'main.mjs'), join(outDir, 'preload.cjs')];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildElectron();
  console.log(`built ${files.join(', ')}`);
}
