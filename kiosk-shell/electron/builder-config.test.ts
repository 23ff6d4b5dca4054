import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, matchesGlob, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { permissionError, UDEV_RESOURCE_DIR, UDEV_RULE_NAME, udevRuleFile } from '../../device-drivers/card-reader/hid-open-errors.ts';
import { projectRoot } from '../browser/ui-build.ts';

/**
 * What `npm run dist` would package, checked without Electron's binary: electron-builder's own
 * validation of the configuration, what goes into the app and what beside it (resources/), the
 * deb's scripts and dependencies, and the fuses the afterPack hook flips (on a stand-in binary
 * carrying Electron's fuse wire, read back with @electron/fuses).
 */
interface ExtraResource {
  from: string;
  to: string;
  filter?: string[];
}

interface BuilderConfig {
  productName: string;
  files: string[];
  extraResources: ExtraResource[];
  afterPack: string;
  linux: { executableName: string; target: string[] };
  deb: { depends: string[]; afterInstall: string; afterRemove: string };
}

const raw = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as unknown;
const config = raw as BuilderConfig;
const require = createRequire(import.meta.url);

/** electron-builder's `files` rule: patterns in order, a `!` pattern takes a file out. */
function inOrder(patterns: readonly string[], file: string): boolean {
  let included = false;
  for (const pattern of patterns) {
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

const packaged = (file: string) => inOrder(config.files, file);
const tracked = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' }).trim().split('\n');

/** Where each tracked file lands under resources/ (extraResources with their filters). */
function resources(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of config.extraResources) {
    for (const file of tracked) {
      if (file === entry.from) out.set(entry.to, file);
      else if (file.startsWith(`${entry.from}/`)) {
        const inside = relative(entry.from, file);
        if (entry.filter === undefined || inOrder(entry.filter, inside)) out.set(`${entry.to}/${inside}`, file);
      }
    }
  }
  return out;
}

describe('electron-builder configuration', () => {
  it('is accepted by electron-builder itself (its schema refuses an unknown key, e.g. electronFuses in version 25)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (config: unknown, logger: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(raw), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...(structuredClone(raw) as object), electronFuses: { runAsNode: false } }, new DebugLogger(false))).rejects.toThrow(/unknown property 'electronFuses'/);
  });

  it('builds an AppImage and a deb for Linux (NSIS where run on Windows)', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect((raw as { win: { target: string[] } }).win.target).toEqual(['nsis']);
  });
});

describe('what goes into the app', () => {
  it('leaves every contract test suite, test, test rig, fixture and testing/ folder out', () => {
    const shipped = tracked.filter(packaged);
    expect(tracked.filter((f) => f.endsWith('.contract.ts')).length).toBeGreaterThanOrEqual(2);
    expect(shipped.filter((f) => f.endsWith('.contract.ts'))).toEqual([]);
    expect(shipped.filter((f) => /\.test\.tsx?$/.test(f) || f.startsWith('test/') || f.endsWith('test-support.ts') || f.endsWith('.check.ts'))).toEqual([]);
    expect(shipped.filter((f) => f.includes('__snapshots__') || f.includes('fixtures') || f.includes('/testing/') || f.endsWith('/testing.ts'))).toEqual([]);
    expect(tracked.filter((f) => f.includes('/testing/')).length).toBeGreaterThanOrEqual(2);
    expect(tracked.filter((f) => f.startsWith('device-drivers/card-reader/testing/')).length).toBeGreaterThanOrEqual(5);
    expect(packaged('node_modules/electron/dist/electron')).toBe(false);
    expect(packaged('dist/electron-test-abc/core.mjs')).toBe(false);
  });

  it('leaves the packaging files out of the asar (the Linux ones go beside it, the hook runs at build time)', () => {
    expect(tracked.filter(packaged).filter((f) => f.startsWith('kiosk-shell/linux/') || f.startsWith('kiosk-shell/electron/packaging/'))).toEqual([]);
  });

  it('ships what the kiosk runs on: the three bundles, the built UI, and the sources\' data they read', () => {
    for (const file of ['dist/electron/main.mjs', 'dist/electron/core.mjs', 'dist/electron/cli.mjs', 'dist/ui/index.html', 'package.json', 'device-drivers/printer/profiles/generic-a4-203.json', 'src/host/kiosk.ts', 'print-templates/index.ts']) {
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
    const rule = config.extraResources.find((entry) => entry.from.endsWith(UDEV_RULE_NAME));
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

describe('what goes beside the app (resources/linux, for the deb)', () => {
  const placed = resources();

  it('the udev rules for the card reader and the serial adapter, the systemd unit, its PAM file, the CLI and an example configuration', () => {
    expect(placed.get('linux/udev/60-adm-kiosk-card-reader.rules')).toBe('device-drivers/card-reader/udev/60-adm-kiosk-card-reader.rules');
    expect(placed.get('linux/udev/61-adm-kiosk-serial.rules')).toBe('kiosk-shell/linux/udev/61-adm-kiosk-serial.rules');
    expect(placed.get('linux/systemd/adm-kiosk.service')).toBe('kiosk-shell/linux/systemd/adm-kiosk.service');
    expect(placed.get('linux/pam.d/adm-kiosk')).toBe('kiosk-shell/linux/pam.d/adm-kiosk');
    expect(placed.get('linux/adm-kiosk')).toBe('kiosk-shell/linux/adm-kiosk');
    expect(placed.get('linux/config.example.json')).toBe('kiosk-shell/linux/config.example.json');
  });

  it('every file the postinst installs from resources/linux is there', () => {
    const script = readFileSync(join(projectRoot, config.deb.afterInstall), 'utf8');
    const used = [...script.matchAll(/"\$FILES\/([^"]+)"/g)].map((m) => `linux/${m[1] ?? ''}`);
    expect(used.length).toBeGreaterThanOrEqual(6);
    for (const file of used) expect(placed.has(file), file).toBe(true);
  });

  it('not the maintainer scripts, the tests or the browser shell\'s unit (a checkout install)', () => {
    expect([...placed.keys()].filter((f) => f.includes('/deb/') || f.endsWith('.ts') || f.endsWith('adm-kiosk-browser.service'))).toEqual([]);
  });
});

describe('the deb', () => {
  it('depends on the compositor, the device libraries, and Electron\'s own runtime libraries', () => {
    for (const name of ['cage', 'libusb-1.0-0', 'libudev1', 'systemd', 'libnss3', 'libgtk-3-0 | libgtk-3-0t64', 'libasound2 | libasound2t64']) expect(config.deb.depends).toContain(name);
  });

  it('runs the postinst and postrm in the repository', () => {
    expect(config.deb.afterInstall).toBe('kiosk-shell/linux/deb/after-install.sh');
    expect(config.deb.afterRemove).toBe('kiosk-shell/linux/deb/after-remove.sh');
  });

  it('the unit, the CLI and the postinst name the binary electron-builder installs (/opt/<productName>/<executableName>)', () => {
    const binary = `/opt/${config.productName}/${config.linux.executableName}`;
    expect(readFileSync(join(projectRoot, 'kiosk-shell/linux/systemd/adm-kiosk.service'), 'utf8')).toContain(`ExecStart=/usr/bin/cage -s -- "${binary}"`);
    expect(readFileSync(join(projectRoot, 'kiosk-shell/linux/adm-kiosk'), 'utf8')).toContain(`APP="${binary}"`);
  });
});

describe('Electron fuses (afterPack hook)', () => {
  const hook = require(join(projectRoot, config.afterPack)) as {
    flipKioskFuses(binary: string, fuses?: Record<string, unknown>): Promise<Record<number, number>>;
    KIOSK_FUSES: Record<string, boolean>;
    packedBinary(context: unknown): string;
  };
  const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };

  it('fuses.json: run-as-node, NODE_OPTIONS and inspect arguments off; the app only from its asar, asar integrity on; no extra file:// privileges', () => {
    expect(hook.KIOSK_FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  /** A stand-in for Electron's binary: Electron's fuse sentinel and a wire of 8 fuses, all as Electron ships them. */
  function fakeElectron(): string {
    const file = join(mkdtempSync(join(tmpdir(), 'adm-fuses-')), 'adm-kiosk-shell');
    const shipped = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on === 1 ? 0x31 : 0x30));
    writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF...code...'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, shipped.length, ...shipped]), Buffer.from('...more code')]));
    return file;
  }

  it('the hook flips the packed binary\'s fuses to fuses.json and reads them back', async () => {
    const binary = fakeElectron();
    const wire = await hook.flipKioskFuses(binary);
    // On Electron's fuse wire a fuse is the character '1' (on) or '0' (off).
    const on = 0x31;
    const off = 0x30;
    expect(wire[FuseV1Options['RunAsNode'] ?? -1]).toBe(off);
    expect(wire[FuseV1Options['EnableNodeOptionsEnvironmentVariable'] ?? -1]).toBe(off);
    expect(wire[FuseV1Options['EnableNodeCliInspectArguments'] ?? -1]).toBe(off);
    expect(wire[FuseV1Options['OnlyLoadAppFromAsar'] ?? -1]).toBe(on);
    expect(wire[FuseV1Options['EnableEmbeddedAsarIntegrityValidation'] ?? -1]).toBe(on);
    expect(wire[FuseV1Options['GrantFileProtocolExtraPrivileges'] ?? -1]).toBe(off);
  });

  it('refuses a fuse name it does not know, and a binary without Electron\'s fuse wire', async () => {
    await expect(hook.flipKioskFuses(fakeElectron(), { runAsNod: false })).rejects.toThrow('unknown fuse "runAsNod"');
    const notElectron = join(mkdtempSync(join(tmpdir(), 'adm-fuses-')), 'bash');
    writeFileSync(notElectron, 'no sentinel here');
    await expect(hook.flipKioskFuses(notElectron)).rejects.toThrow(/sentinel/);
  });

  it('finds the binary electron-builder packed for each platform', () => {
    const packager = { executableName: 'adm-kiosk-shell', appInfo: { productFilename: 'ADM Kiosk' } };
    expect(hook.packedBinary({ appOutDir: '/out/linux-unpacked', electronPlatformName: 'linux', packager })).toBe('/out/linux-unpacked/adm-kiosk-shell');
    expect(hook.packedBinary({ appOutDir: '/out/win-unpacked', electronPlatformName: 'win32', packager })).toBe('/out/win-unpacked/adm-kiosk-shell.exe');
  });
});
