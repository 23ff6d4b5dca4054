import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from './build.ts';

describe('Electron bundle', () => {
  it('builds main as an ES module and the preload as CommonJS exposing only the bridge', async () => {
    const out = mkdtempSync(join(tmpdir(), 'adm-electron-'));
    const [main, preload] = await buildElectron(out);
    const mainCode = readFileSync(main ?? '', 'utf8');
    const preloadCode = readFileSync(preload ?? '', 'utf8');
    expect(mainCode).toMatch(/from "electron"/);
    expect(mainCode).toContain('contextIsolation: true');
    expect(mainCode).toContain('sandbox: true');
    expect(mainCode).toContain('nodeIntegration: false');
    expect(preloadCode).toContain('require("electron")');
    expect(preloadCode).toContain('exposeInMainWorld("admKiosk"');
    // Attached mode (a checkout: the kiosk runs in Node) must not load native modules built
    // for Node into Electron: they live in a chunk only the packaged mode imports.
    for (const native of ['better-sqlite3', 'serialport', '@napi-rs/canvas']) expect(mainCode).not.toContain(native);
    // The preload must not hand ipcRenderer itself to the page.
    expect(preloadCode).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
