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
    // The preload must not hand ipcRenderer itself to the page.
    expect(preloadCode).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
