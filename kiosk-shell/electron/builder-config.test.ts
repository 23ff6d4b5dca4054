import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, matchesGlob, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { permissionError, UDEV_RESOURCE_DIR, UDEV_RULE_NAME, udevRuleFile } from '../../device-drivers/card-reader/hid-open-errors.ts';
import { projectRoot } from '../browser/ui-build.ts';

/**
 * What electron-builder would put into the packaged app, by its `files` patterns applied in
 * order (a `!` pattern takes a file out) to every file of the checkout. Runs without
 * Electron's binary: it reads the configuration, it does not build.
 */
const config = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as { files: string[]; extraResources?: { from: string; to: string }[] };

function packaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(file, pattern.slice(1))) included = false;
    } else if (matchesGlob(file, pattern)) included = true;
  }
  return included;
}

/** Relative import specifiers (static, re-export, side-effect, dynamic) of a source text. */
function relativeImports(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/\b(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier?.startsWith('.') === true) out.push(specifier);
  }
  return out;
}

const tracked = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' }).trim().split('\n');

describe('electron-builder files', () => {
  it('leaves every contract test suite, test, test rig and fixture out of the packaged app', () => {
    const shipped = tracked.filter(packaged);
    expect(tracked.filter((f) => f.endsWith('.contract.ts')).length).toBeGreaterThanOrEqual(2);
    expect(shipped.filter((f) => f.endsWith('.contract.ts'))).toEqual([]);
    expect(shipped.filter((f) => /\.test\.tsx?$/.test(f) || f.startsWith('test/') || f.endsWith('test-support.ts') || f.endsWith('.check.ts'))).toEqual([]);
    expect(shipped.filter((f) => f.includes('__snapshots__') || f === 'print-templates/fixtures.ts')).toEqual([]);
    expect(tracked.filter((f) => f.startsWith('device-drivers/card-reader/testing/')).length).toBeGreaterThanOrEqual(5);
    expect(shipped.filter((f) => f.startsWith('device-drivers/card-reader/testing/'))).toEqual([]);
    expect(packaged('node_modules/electron/dist/electron')).toBe(false);
  });

  it('ships what the kiosk runs on: the host, the contracts it implements, the drivers, templates and the built UI', () => {
    for (const file of ['src/host/kiosk.ts', 'src/api/print-transaction.ts', 'device-drivers/printer/contract.ts', 'device-drivers/card-reader/contract.ts', 'device-drivers/printer/printer-uri.ts', 'print-templates/index.ts', 'kiosk-shell/electron/main.ts', 'dist/ui/index.html', 'dist/electron/main.mjs', 'package.json']) {
      expect(packaged(file), file).toBe(true);
    }
  });

  it('every relative import of a shipped source file is shipped too (no runtime code reaches into tests or test support)', () => {
    const broken: string[] = [];
    for (const file of tracked.filter((f) => packaged(f) && /\.(ts|tsx|mts|mjs|js)$/.test(f))) {
      for (const specifier of relativeImports(readFileSync(join(projectRoot, file), 'utf8'))) {
        const target = relative(projectRoot, resolve(projectRoot, dirname(file), specifier));
        if (existsSync(join(projectRoot, target)) && !packaged(target)) broken.push(`${file} imports ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('ships the card reader\'s udev rule as a resource, where the packaged kiosk\'s permission hint names it (quoted: the deb installs under "/opt/ADM Kiosk")', () => {
    const rule = config.extraResources?.find((entry) => entry.from.endsWith(UDEV_RULE_NAME));
    expect(rule).toEqual({ from: `device-drivers/card-reader/udev/${UDEV_RULE_NAME}`, to: `${UDEV_RESOURCE_DIR}/${UDEV_RULE_NAME}` });
    expect(existsSync(join(projectRoot, rule?.from ?? ''))).toBe(true);
    const resources = '/opt/ADM Kiosk/resources';
    const installed = udevRuleFile(resources);
    expect(installed).toBe(join(resources, rule?.to ?? ''));
    expect(permissionError('/dev/hidraw3', 0x1209, 0x0001, installed).hint).toContain(`sudo install -m 0644 '${installed}' /etc/udev/rules.d/`);
    // From a checkout (no Electron resources), the rule beside the driver.
    expect(udevRuleFile(undefined)).toBe(join(projectRoot, 'device-drivers/card-reader/udev', UDEV_RULE_NAME));
  });
});
