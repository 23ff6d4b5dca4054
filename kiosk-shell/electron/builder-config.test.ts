import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../browser/ui-build.ts';

/**
 * What electron-builder would put into the packaged app, by its `files` patterns applied in
 * order (a `!` pattern takes a file out) to every file of the checkout. Runs without
 * Electron's binary: it reads the configuration, it does not build.
 */
const config = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as { files: string[] };

function packaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(file, pattern.slice(1))) included = false;
    } else if (matchesGlob(file, pattern)) included = true;
  }
  return included;
}

const tracked = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' }).trim().split('\n');

describe('electron-builder files', () => {
  it('leaves every contract test suite, test, test rig and fixture out of the packaged app', () => {
    const shipped = tracked.filter(packaged);
    expect(tracked.filter((f) => f.endsWith('.contract.ts')).length).toBeGreaterThanOrEqual(2);
    expect(shipped.filter((f) => f.endsWith('.contract.ts'))).toEqual([]);
    expect(shipped.filter((f) => /\.test\.tsx?$/.test(f) || f.startsWith('test/') || f.endsWith('test-support.ts') || f.endsWith('.check.ts'))).toEqual([]);
    expect(shipped.filter((f) => f.includes('__snapshots__') || f === 'print-templates/fixtures.ts')).toEqual([]);
    expect(packaged('node_modules/electron/dist/electron')).toBe(false);
  });

  it('ships what the kiosk runs on: the host, the contracts it implements, the drivers, templates and the built UI', () => {
    for (const file of ['src/host/kiosk.ts', 'src/api/print-transaction.ts', 'device-drivers/printer/contract.ts', 'device-drivers/card-reader/contract.ts', 'device-drivers/printer/printer-uri.ts', 'print-templates/index.ts', 'kiosk-shell/electron/main.ts', 'dist/ui/index.html', 'dist/electron/main.mjs', 'package.json']) {
      expect(packaged(file), file).toBe(true);
    }
  });
});
