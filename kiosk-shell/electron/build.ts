import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
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
 * - cli.mjs: the `adm-kiosk` command line, for the packaged app (main.mjs runs it for
 *   `--adm-cli`, see the deb's /usr/bin/adm-kiosk) and for a checkout (bin/adm-kiosk runs it,
 *   rebuilding it first when its sources changed). Code-split: each command's module is a
 *   chunk beside it (cli-chunk-HASH.mjs) that loads when the command runs, so `--help` loads no
 *   PDF, SQLite or serial stack. cli.inputs.json lists the sources it was built from (the
 *   staleness check of bin/cli-bundle.mjs).
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

export const defaultOutDir = join(root, 'dist', 'electron');

/** What cli.inputs.json holds: when the build started and the files it read (relative to the project root). */
export interface CliInputs {
  readonly builtAtMs: number;
  readonly inputs: readonly string[];
}

export const CLI_CHUNK_PREFIX = 'cli-chunk-';
/** Old chunks no cli.mjs refers to any more are removed after this long (a process started before the rebuild may still load them). */
const OLD_CHUNK_AGE_MS = 10 * 60_000;

/** Writes `contents` to `file` through a temporary file and a rename, so a process starting meanwhile reads the old file or the new one, never half of one. */
async function writeAtomically(file: string, contents: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/**
 * Builds cli.mjs and its chunks into `outDir`. Safe while other adm-kiosk processes run from
 * the same folder and while another process builds it too: chunks are named by their content
 * and written before the entry that imports them, the entry and cli.inputs.json are replaced
 * by rename, and an old chunk is removed only when no current build refers to it and it is
 * older than ten minutes.
 */
export async function buildCli(outDir = defaultOutDir): Promise<{ cli: string; inputs: CliInputs }> {
  const { build } = await import('esbuild');
  const entry = join(root, BUNDLES.cli);
  const builtAtMs = Date.now();
  const result = await build({
    entryPoints: { cli: entry },
    outdir: outDir,
    bundle: true,
    splitting: true,
    chunkNames: `${CLI_CHUNK_PREFIX}[hash]`,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    write: false,
    metafile: true,
    absWorkingDir: root,
    plugins: [sourceLocationPlugin(outDir, entry)],
  });
  await mkdir(outDir, { recursive: true });
  const cli = join(outDir, 'cli.mjs');
  const chunks = result.outputFiles.filter((file) => file.path !== cli);
  await Promise.all(chunks.map((file) => writeAtomically(file.path, file.contents)));
  const entryFile = result.outputFiles.find((file) => file.path === cli);
  if (entryFile === undefined) throw new Error(`esbuild wrote no ${cli}`);
  await writeAtomically(cli, entryFile.contents);
  const inputs: CliInputs = {
    builtAtMs,
    // The bundler's own settings (this file) are an input too.
    inputs: [...new Set([...Object.keys(result.metafile.inputs), relative(root, fileURLToPath(import.meta.url)).split(sep).join('/')])].sort(),
  };
  await writeAtomically(join(outDir, 'cli.inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  const current = new Set(chunks.map((file) => basename(file.path)));
  for (const name of await readdir(outDir)) {
    if (!name.startsWith(CLI_CHUNK_PREFIX) || !name.endsWith('.mjs') || current.has(name)) continue;
    const path = join(outDir, name);
    try {
      if (Date.now() - (await stat(path)).mtimeMs > OLD_CHUNK_AGE_MS) await unlink(path);
    } catch (error) {
      // Another build removed it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { cli, inputs };
}

/** Builds main.mjs, core.mjs and cli.mjs (with its chunks) into `outDir`. */
export async function buildElectron(outDir = defaultOutDir): Promise<{ main: string; core: string; cli: string }> {
  const { build } = await import('esbuild');
  const out = { main: join(outDir, 'main.mjs'), core: join(outDir, 'core.mjs'), cli: join(outDir, 'cli.mjs') };
  await Promise.all([
    buildCli(outDir),
    ...(['main', 'core'] as const).map((name) => {
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
  ]);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'cli') {
  // `npm run build:cli`: the command line only, as bin/adm-kiosk builds it when stale.
  const { cli } = await buildCli();
  console.log(`built ${cli}`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `npm run build:electron` (and so `npm run dist`): a clean folder, so that the package
  // carries no chunk of an earlier build.
  await rm(defaultOutDir, { recursive: true, force: true });
  const files = await buildElectron();
  console.log(`built ${Object.values(files).join(', ')}`);
}
