import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../browser/ui-build.ts';
import { buildElectron } from './build.ts';

/**
 * The Electron bundles as electron-builder packages them. The packaged app has only the
 * production dependencies, so a bundle that imports a devDependency at load time would not
 * start there; main must load nothing of the kiosk (the core runs in its own process).
 */
let files: { main: string; core: string; cli: string };
const code = (file: string) => readFileSync(file, 'utf8');

/** The packages a bundle imports statically at its top (what must exist for it to load at all). */
function staticPackages(source: string): string[] {
  const out = new Set<string>();
  for (const match of source.matchAll(/^import\s[^'"]*?["']([^"'./][^"']*)["'];?$/gm)) {
    const specifier = match[1] ?? '';
    if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
    out.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
  }
  return [...out].sort();
}

/** The packages a bundle loads before it runs anything: its own static imports and those of the chunks it imports statically. */
function packagesAtLoad(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = code(file);
  const chunks = [...source.matchAll(/^import\s[^'"]*?["'](\.\/[^"']+)["'];?$/gm)].map((match) => join(dirname(file), match[1] ?? ''));
  return [...new Set([...staticPackages(source), ...chunks.flatMap((chunk) => packagesAtLoad(chunk, seen))])].sort();
}

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

// Built beside dist/electron, where the bundles resolve node_modules as the packaged app does.
let outDir = '';

beforeAll(async () => {
  mkdirSync(join(projectRoot, 'dist'), { recursive: true });
  outDir = mkdtempSync(join(projectRoot, 'dist', 'electron-test-'));
  files = await buildElectron(outDir);
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Electron bundles', () => {
  it('main is the supervisor: it imports Electron and no native module, no host, no print log', () => {
    const main = code(files.main);
    expect(staticPackages(main)).toEqual(['electron', 'zod']);
    for (const kiosk of ['better-sqlite3', 'serialport', '@napi-rs/canvas', 'node-hid', 'pdfkit', 'openKiosk', 'serveKiosk']) expect(main).not.toContain(kiosk);
    expect(main).toContain('contextIsolation: true');
    expect(main).toContain('sandbox: true');
    expect(main).toContain('nodeIntegration: false');
    expect(main).toContain('utilityProcess.fork');
  });

  it('there is no preload and no IPC: the page gets no bridge into Electron or Node, and main listens to no renderer', () => {
    const main = code(files.main);
    expect(main).not.toMatch(/preload\s*:/);
    expect(main).not.toContain('exposeInMainWorld');
    expect(main).not.toContain('ipcMain');
  });

  it('main never hands a URL to the operating system (shell.openExternal) and never loads a file:// page', () => {
    const main = code(files.main);
    expect(main).not.toContain('openExternal');
    expect(main).not.toMatch(/\bshell\b.*from "electron"/);
    expect(main).not.toContain('loadFile');
  });

  it('core and cli load with production dependencies only (what the packaged app has)', () => {
    // The command line with every chunk it may load (each command's stack).
    const cli = [files.cli, ...readdirSync(outDir).filter((name) => name.startsWith('cli-chunk-')).map((name) => join(outDir, name))];
    for (const [file, packages] of [[files.core, staticPackages(code(files.core))], [files.cli, [...new Set(cli.flatMap((chunk) => staticPackages(code(chunk))))]]] as const) {
      expect(packages.length).toBeGreaterThan(3);
      expect(packages.filter((name) => !(name in pkg.dependencies)), file).toEqual([]);
    }
  });

  it('cli.mjs is the adm-kiosk command line (as the packaged app runs it for /usr/bin/adm-kiosk): it answers with the demo registry\'s data', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'adm-cli-bundle-')), 'data');
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(files.cli).href)}); process.exitCode = await main(['demo', 'citizens', '--json', '--data-dir', ${JSON.stringify(dataDir)}]);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ADM_KIOSK_DATA_DIR: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const citizens = JSON.parse(run.stdout) as Array<{ nik: string }>;
    expect(citizens.length).toBeGreaterThan(0);
    expect(citizens[0]?.nik).toMatch(/^\d{16}$/);
  }, 60_000);

  it('cli.mjs loads a command\'s code only when that command runs: --help loads no PDF, SQLite, serial, HID or canvas package', () => {
    const atLoad = packagesAtLoad(files.cli);
    for (const heavy of ['pdfjs-dist', 'pdfkit', 'better-sqlite3', 'serialport', 'node-hid', '@napi-rs/canvas', 'react', 'ajv']) expect(atLoad).not.toContain(heavy);
    // The commands are chunks beside it, loaded by dynamic import.
    expect(code(files.cli)).toMatch(/await import\("\.\/cli-chunk-\w+\.mjs"\)\)\.printCommand/);
    // A command's chunk does load its stack.
    const printChunk = /await import\("\.\/(cli-chunk-\w+\.mjs)"\)\)\.printCommand/.exec(code(files.cli))?.[1] ?? '';
    expect(packagesAtLoad(join(outDir, printChunk))).toEqual(expect.arrayContaining(['better-sqlite3', 'serialport']));
  });

  it('each bundled module finds its data where its source file is (profiles, fonts, the UI), not next to the bundle', () => {
    const core = code(files.core);
    expect(core).toMatch(/new URL\("(\.\.\/)+[^"]*device-drivers\/printer\/profiles\.ts", import\.meta\.url\)/);
    expect(core).toMatch(/new URL\("(\.\.\/)+[^"]*kiosk-shell\/browser\/ui-build\.ts", import\.meta\.url\)/);
  });
});
