import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * Bundles the Electron shell into dist/electron (npm packages stay external, loaded from
 * node_modules at run time; in the packaged app electron-builder rebuilt the native ones for
 * Electron):
 *
 * - main.mjs: Electron's main process, the supervisor (no native module, nothing of the kiosk);
 * - core.mjs: the kiosk core (host, print log, devices, templates), run as Electron's utility
 *   process when packaged and as a Node child from a checkout: one bundle for both;
 * - cli.mjs: the `adm-kiosk` command line for the packaged app (main.mjs runs it for
 *   `--adm-cli`, see the deb's /usr/bin/adm-kiosk).
 *
 * The sources find their data files (printer profiles, fonts, the UI, package.json) next to
 * themselves through import.meta.url. Bundled, every module would share the bundle's URL, so
 * the plugin below gives each bundled module its own source file's URL back, relative to
 * the bundle (the packaged app ships the sources' data beside dist/, in the same layout).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUNDLES = {
  main: 'kiosk-shell/electron/main.ts',
  core: 'kiosk-shell/electron/core-main.ts',
  cli: 'src/cli/main.ts',
} as const;

/** A relative URL from the bundle's folder to `file`, as a JS string literal. */
function urlFrom(outDir: string, file: string): string {
  return JSON.stringify(relative(outDir, file).split(sep).join('/'));
}

/** Each module's import.meta.url / dirname / filename as its source file's, relative to the bundle. */
export function sourceLocationPlugin(outDir: string, entry: string): Plugin {
  return {
    name: 'adm-source-location',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (args.path === entry || args.path.includes(`${sep}node_modules${sep}`) || !source.includes(`${['import', 'meta'].join('.')}.`)) return undefined;
        // Spelt in pieces so that this file, bundled into cli.mjs, is not rewritten itself.
        const meta = ['import', 'meta'].join('.');
        const fileUrl = `new URL(${urlFrom(outDir, args.path)}, ${meta}.url)`;
        const dirUrl = `new URL(${urlFrom(outDir, dirname(args.path))} + '/', ${meta}.url)`;
        const contents = `import { fileURLToPath as __admFileURLToPath } from 'node:url';\n${source
          .replaceAll(`${meta}.url`, `${fileUrl}.href`)
          .replaceAll(`${meta}.dirname`, `__admFileURLToPath(${dirUrl}).replace(/\\/$/, '')`)
          .replaceAll(`${meta}.filename`, `__admFileURLToPath(${fileUrl})`)}`;
        return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
}

export async function buildElectron(outDir = join(root, 'dist', 'electron')): Promise<{ main: string; core: string; cli: string }> {
  const { build } = await import('esbuild');
  const out = { main: join(outDir, 'main.mjs'), core: join(outDir, 'core.mjs'), cli: join(outDir, 'cli.mjs') };
  await Promise.all(
    (Object.keys(BUNDLES) as Array<keyof typeof BUNDLES>).map((name) => {
      const entry = join(root, BUNDLES[name]);
      return build({
        entryPoints: [entry],
        outfile: out[name],
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
        plugins: [sourceLocationPlugin(outDir, entry)],
      });
    }),
  );
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildElectron();
  console.log(`built ${Object.values(files).join(', ')}`);
}
