import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

beforeAll(async () => {
  files = await buildElectron(mkdtempSync(join(tmpdir(), 'adm-electron-')));
}, 60_000);

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
    for (const file of [files.core, files.cli]) {
      const packages = staticPackages(code(file));
      expect(packages.length).toBeGreaterThan(3);
      expect(packages.filter((name) => !(name in pkg.dependencies)), file).toEqual([]);
    }
  });

  it('each bundled module finds its data where its source file is (profiles, fonts, the UI), not next to the bundle', () => {
    const core = code(files.core);
    expect(core).toMatch(/new URL\("(\.\.\/)+[^"]*device-drivers\/printer\/profiles\.ts", import\.meta\.url\)/);
    expect(core).toMatch(/new URL\("(\.\.\/)+[^"]*kiosk-shell\/browser\/ui-build\.ts", import\.meta\.url\)/);
  });
});
