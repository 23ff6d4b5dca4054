import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/host/config.ts';

/**
 * The deb's maintainer scripts as dpkg runs them, in a scratch root (DPKG_ROOT) with
 * stand-ins for the system tools they call (useradd, udevadm, systemctl, ...; each records
 * its arguments), after electron-builder has filled in their ${...} names. And the
 * /usr/bin/adm-kiosk wrapper, with a stand-in for the packaged binary.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { productName: string; linux: { executableName: string } & Record<string, unknown>; deb: { afterInstall: string; afterRemove: string } };
const APP_DIR = `/opt/${builder.productName}`;

/** electron-builder's macro step (FpmTarget's writeConfigFile): ${name} from its options, an unknown name is an error. */
function render(file: string): string {
  const options: Record<string, unknown> = { executable: builder.linux.executableName, sanitizedProductName: builder.productName, productFilename: builder.productName, ...builder.linux };
  return readFileSync(join(ROOT, file), 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    if (!(name in options)) throw new Error(`Macro ${name} is not defined`);
    return String(options[name]);
  });
}

const STUBS = {
  getent: 'db="$1"; name="$2"; grep -qx "$name" "$STUBS/$db" 2>/dev/null',
  groupadd: 'echo "${@: -1}" >> "$STUBS/group"',
  useradd: 'echo "${@: -1}" >> "$STUBS/passwd"',
  usermod: 'true',
  udevadm: 'true',
  systemctl: 'true',
  unshare: 'exit 1',
  // The kiosk group exists only in the scratch world: install(1) gets -g/-o dropped.
  install: 'args=(); while [ $# -gt 0 ]; do case "$1" in -g|-o) shift 2;; *) args+=("$1"); shift;; esac; done; exec /usr/bin/install "${args[@]}"',
};

interface Sandbox {
  readonly root: string;
  readonly stubs: string;
  run(script: string, arg: string): { status: number | null; stderr: string };
  calls(): string[];
  file(path: string): string;
  exists(path: string): boolean;
}

function sandbox(options: { daemons: boolean; users?: string[]; groups?: string[] } = { daemons: true }): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'adm-deb-'));
  const root = join(base, 'root');
  const stubs = join(base, 'stubs');
  mkdirSync(stubs, { recursive: true });
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(stubs, name), `#!/bin/bash\necho "${name} $*" >> "$STUBS/calls"\n${body}\n`);
    chmodSync(join(stubs, name), 0o755);
  }
  writeFileSync(join(stubs, 'passwd'), (options.users ?? []).map((u) => `${u}\n`).join(''));
  writeFileSync(join(stubs, 'group'), (options.groups ?? ['dialout', 'lp', 'plugdev']).map((g) => `${g}\n`).join(''));
  // What the package puts in /opt (extra resources as electron-builder.yml places them).
  const linux = join(root, APP_DIR, 'resources', 'linux');
  cpSync(join(ROOT, 'kiosk-shell', 'linux'), linux, { recursive: true });
  cpSync(join(ROOT, 'device-drivers', 'card-reader', 'udev', '60-adm-kiosk-card-reader.rules'), join(linux, 'udev', '60-adm-kiosk-card-reader.rules'));
  writeFileSync(join(root, APP_DIR, 'chrome-sandbox'), 'sandbox helper');
  if (options.daemons) {
    mkdirSync(join(root, 'run', 'systemd', 'system'), { recursive: true });
    mkdirSync(join(root, 'run', 'udev'), { recursive: true });
  }
  return {
    root,
    stubs,
    run: (script, arg) => {
      const path = join(base, `${script.split('/').at(-1) ?? 'script'}`);
      writeFileSync(path, render(script));
      const result = spawnSync('bash', [path, arg], { encoding: 'utf8', env: { PATH: `${stubs}:/usr/bin:/bin`, STUBS: stubs, DPKG_ROOT: root } });
      return { status: result.status, stderr: result.stderr };
    },
    calls: () => (existsSync(join(stubs, 'calls')) ? readFileSync(join(stubs, 'calls'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('getent') && !l.startsWith('install')) : []),
    file: (path) => readFileSync(join(root, path), 'utf8'),
    exists: (path) => existsSync(join(root, path)),
  };
}

const INSTALLED = ['usr/bin/adm-kiosk', 'usr/lib/systemd/system/adm-kiosk.service', 'usr/lib/udev/rules.d/60-adm-kiosk-card-reader.rules', 'usr/lib/udev/rules.d/61-adm-kiosk-serial.rules', 'etc/pam.d/adm-kiosk', 'etc/adm-kiosk/config.example.json'];

describe('deb maintainer scripts', () => {
  it('render with electron-builder\'s names only, and are valid bash', () => {
    for (const script of [builder.deb.afterInstall, builder.deb.afterRemove]) {
      const dir = mkdtempSync(join(tmpdir(), 'adm-deb-syntax-'));
      writeFileSync(join(dir, 'script'), render(script));
      expect(spawnSync('bash', ['-n', join(dir, 'script')]).status, script).toBe(0);
      expect(render(script)).not.toMatch(/\$\{[a-zA-Z]+\}/);
    }
    expect(render(builder.deb.afterInstall)).toContain(`APP_DIR="${APP_DIR}"`);
  });

  it('postinst (install): the CLI, the kiosk user in the device groups, udev rules reloaded, the unit installed and systemd told, /etc/adm-kiosk', () => {
    const box = sandbox();
    expect(box.run(builder.deb.afterInstall, 'configure')).toMatchObject({ status: 0, stderr: '' });
    for (const path of INSTALLED) expect(box.exists(path), path).toBe(true);
    expect(box.file('usr/bin/adm-kiosk')).toBe(readFileSync(join(ROOT, 'kiosk-shell/linux/adm-kiosk'), 'utf8'));
    expect(statSync(join(box.root, 'usr/bin/adm-kiosk')).mode & 0o777).toBe(0o755);
    expect(statSync(join(box.root, 'etc/adm-kiosk')).mode & 0o777).toBe(0o750);
    expect(box.calls()).toEqual([
      'useradd --system --user-group --home-dir /var/lib/adm-kiosk --no-create-home --shell /usr/sbin/nologin --comment ADM kiosk --groups dialout,lp,plugdev adm-kiosk',
      'udevadm control --reload-rules',
      'udevadm trigger --action=add --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usb',
      'systemctl daemon-reload',
      'systemctl try-restart adm-kiosk.service',
      'unshare --user true',
    ]);
    // Without working user namespaces, Electron's sandbox needs its setuid helper.
    expect(statSync(join(box.root, APP_DIR, 'chrome-sandbox')).mode & 0o7777).toBe(0o4755);
  });

  it('postinst (upgrade): the user is not made twice, a running kiosk is restarted, the technician\'s config.json is left alone', () => {
    const box = sandbox({ daemons: true, users: ['adm-kiosk'] });
    mkdirSync(join(box.root, 'etc/adm-kiosk'), { recursive: true });
    writeFileSync(join(box.root, 'etc/adm-kiosk/config.json'), '{"mode":"production"}');
    expect(box.run(builder.deb.afterInstall, 'configure').status).toBe(0);
    expect(box.calls().filter((c) => c.startsWith('useradd'))).toEqual([]);
    expect(box.calls()).toContain('usermod --append --groups dialout,lp,plugdev adm-kiosk');
    expect(box.calls()).toContain('systemctl try-restart adm-kiosk.service');
    expect(box.file('etc/adm-kiosk/config.json')).toBe('{"mode":"production"}');
  });

  it('postinst into a root where systemd and udev do not run (a chroot): files only, no daemon is told', () => {
    const box = sandbox({ daemons: false });
    expect(box.run(builder.deb.afterInstall, 'configure').status).toBe(0);
    for (const path of INSTALLED) expect(box.exists(path), path).toBe(true);
    expect(box.calls().filter((c) => c.startsWith('systemctl') || c.startsWith('udevadm'))).toEqual([]);
  });

  it('postrm (upgrade): nothing is taken away', () => {
    const box = sandbox();
    box.run(builder.deb.afterInstall, 'configure');
    const before = box.calls().length;
    expect(box.run(builder.deb.afterRemove, 'upgrade').status).toBe(0);
    for (const path of INSTALLED) expect(box.exists(path), path).toBe(true);
    expect(box.calls().length).toBe(before);
  });

  it('postrm (remove): the kiosk stopped and disabled, what postinst installed removed; the data folder and config.json kept', () => {
    const box = sandbox();
    box.run(builder.deb.afterInstall, 'configure');
    mkdirSync(join(box.root, 'var/lib/adm-kiosk/data'), { recursive: true });
    writeFileSync(join(box.root, 'var/lib/adm-kiosk/data/print-log.sqlite'), 'log');
    writeFileSync(join(box.root, 'etc/adm-kiosk/config.json'), '{}');
    expect(box.run(builder.deb.afterRemove, 'remove').status).toBe(0);
    expect(box.calls()).toContain('systemctl disable --now adm-kiosk.service');
    expect(INSTALLED.filter((path) => box.exists(path))).toEqual(['etc/pam.d/adm-kiosk']);
    expect(box.exists('var/lib/adm-kiosk/data/print-log.sqlite')).toBe(true);
    expect(box.exists('etc/adm-kiosk/config.json')).toBe(true);
    expect(box.run(builder.deb.afterRemove, 'purge').status).toBe(0);
    expect(box.exists('etc/pam.d/adm-kiosk')).toBe(false);
  });

  it('the example configuration is a valid kiosk configuration (production mode, real parts)', () => {
    const example = parseConfig(JSON.parse(readFileSync(join(ROOT, 'kiosk-shell/linux/config.example.json'), 'utf8')));
    expect(example).toMatchObject({ mode: 'production', registry: { kind: 'http' }, cardReader: { kind: 'hid', vendorId: 0x1209, productId: 1 }, printer: { uri: 'serial:/dev/adm-printer' } });
  });
});

describe('/usr/bin/adm-kiosk (the CLI of the installed kiosk)', () => {
  function wrapper(): { dir: string; path: string } {
    const dir = mkdtempSync(join(tmpdir(), 'adm-cli-wrapper-'));
    const app = join(dir, 'adm-kiosk-shell');
    writeFileSync(app, '#!/bin/sh\necho "data=$ADM_KIOSK_DATA_DIR home=$HOME"\nfor a in "$@"; do echo "arg=$a"; done\n');
    chmodSync(app, 0o755);
    const path = join(dir, 'adm-kiosk');
    writeFileSync(path, readFileSync(join(ROOT, 'kiosk-shell/linux/adm-kiosk'), 'utf8').replace(`APP="${APP_DIR}/${builder.linux.executableName}"`, `APP="${app}"`));
    chmodSync(path, 0o755);
    return { dir, path };
  }

  function stub(dir: string, name: string, body: string): void {
    writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }

  it('runs the packaged binary headless, as the CLI, on the service\'s data folder; `--` keeps Chromium off the arguments', () => {
    const { dir, path } = wrapper();
    stub(dir, 'id', 'if [ "$1" = -u ]; then echo 1000; else exit 1; fi');
    const run = spawnSync(path, ['diag', '--json'], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin`, HOME: '/home/tech' } });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['data=/var/lib/adm-kiosk/data home=/home/tech', 'arg=--ozone-platform=headless', 'arg=--disable-gpu', 'arg=--adm-cli', 'arg=--', 'arg=diag', 'arg=--json']);
  });

  it('started by root it runs as the kiosk user, whose data folder it is', () => {
    const { dir, path } = wrapper();
    stub(dir, 'id', 'if [ "$1" = -u ]; then [ -n "$AS_ROOT" ] && echo 0 || echo 999; else exit 0; fi');
    stub(dir, 'runuser', 'echo "runuser $1 $2" >&2; shift 3; unset AS_ROOT; exec "$@"');
    const run = spawnSync(path, ['log', 'stats'], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin`, HOME: '/root', AS_ROOT: '1', ADM_KIOSK_DATA_DIR: '/srv/kiosk' } });
    expect(run.stderr).toBe('runuser -u adm-kiosk\n');
    expect(run.stdout).toContain('data=/srv/kiosk home=/var/lib/adm-kiosk');
    expect(run.stdout).toContain('arg=log\narg=stats');
  });
});
