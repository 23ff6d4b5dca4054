import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISOR_OPTIONS } from '../electron/supervisor.ts';
import { environment, readUnit, value } from './testing/unit-file.ts';

/**
 * The systemd units (docs/install.md): checked by systemd itself (`systemd-analyze verify`,
 * in a scratch root holding this machine's units and stand-ins for the binaries they start),
 * then key by key for what the kiosk relies on.
 */
const UNITS = ['adm-kiosk.service', 'adm-kiosk-browser.service'];
const unitFile = (name: string) => join(import.meta.dirname, 'systemd', name);

function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'adm-systemd-root-'));
  mkdirSync(join(root, 'usr/lib/systemd'), { recursive: true });
  cpSync('/usr/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true, dereference: false, verbatimSymlinks: true });
  for (const name of UNITS) cpSync(unitFile(name), join(root, 'usr/lib/systemd/system', name));
  for (const binary of ['usr/bin/cage', 'usr/bin/node']) {
    mkdirSync(join(root, binary, '..'), { recursive: true });
    writeFileSync(join(root, binary), '#!/bin/sh\n');
    chmodSync(join(root, binary), 0o755);
  }
  return root;
}

describe('systemd units', () => {
  it('this machine has systemd-analyze (CI installs systemd)', () => {
    expect(existsSync('/usr/lib/systemd/system')).toBe(true);
    expect(spawnSync('systemd-analyze', ['--version']).status).toBe(0);
  });

  it.each(UNITS)('%s: systemd-analyze verify finds nothing to say', (name) => {
    const root = scratchRoot();
    const run = spawnSync('systemd-analyze', ['verify', `--root=${root}`, `/usr/lib/systemd/system/${name}`], { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toBe('');
    expect(run.status).toBe(0);
  });

  it('verify is not blind: an unknown key or a missing binary is reported', () => {
    const root = scratchRoot();
    const bad = join(root, 'usr/lib/systemd/system/adm-kiosk-bad.service');
    writeFileSync(bad, '[Service]\nType=notify\nWatchdogSecs=30\nExecStart=/usr/bin/no-such-compositor\n');
    const run = spawnSync('systemd-analyze', ['verify', `--root=${root}`, '/usr/lib/systemd/system/adm-kiosk-bad.service'], { encoding: 'utf8' });
    expect(run.stderr).toContain("Unknown key 'WatchdogSecs'");
    expect(run.stderr).toContain('/usr/bin/no-such-compositor');
  });

  it.each(UNITS)('%s: restart always, at most 5 starts in 10 minutes, not for a configuration that cannot run (exit 2)', (name) => {
    const unit = readUnit(unitFile(name));
    expect(value(unit, 'Service', 'Restart')).toBe('always');
    expect(value(unit, 'Unit', 'StartLimitIntervalSec')).toBe('600');
    expect(value(unit, 'Unit', 'StartLimitBurst')).toBe('5');
    expect(value(unit, 'Service', 'RestartPreventExitStatus')).toBe('2');
  });

  it.each(UNITS)('%s: readiness and watchdog by sd_notify from a child process (systemd-notify), journald logging', (name) => {
    const unit = readUnit(unitFile(name));
    expect(value(unit, 'Service', 'Type')).toBe('notify');
    expect(value(unit, 'Service', 'NotifyAccess')).toBe('all');
    expect(value(unit, 'Service', 'WatchdogSec')).toBe('30');
    expect(value(unit, 'Service', 'StandardOutput')).toBe('journal');
    expect(value(unit, 'Service', 'StandardError')).toBe('journal');
    expect(value(unit, 'Service', 'SyslogIdentifier')).toBe('adm-kiosk');
  });

  it.each(UNITS)('%s: every process gets SIGTERM and has more time to close than the supervisor gives the core', (name) => {
    const unit = readUnit(unitFile(name));
    expect(value(unit, 'Service', 'KillMode')).toBe('control-group');
    expect(value(unit, 'Service', 'KillSignal')).toBe('SIGTERM');
    expect(Number(value(unit, 'Service', 'TimeoutStopSec')) * 1000).toBeGreaterThan(DEFAULT_SUPERVISOR_OPTIONS.stopGraceMs + 5000);
  });

  it.each(UNITS)('%s: an unprivileged user with the device groups, its data folder 0700 under /var/lib', (name) => {
    const unit = readUnit(unitFile(name));
    expect(value(unit, 'Service', 'User')).toBe('adm-kiosk');
    expect(value(unit, 'Service', 'SupplementaryGroups')).toBe('dialout lp plugdev');
    expect(value(unit, 'Service', 'StateDirectory')).toBe('adm-kiosk');
    expect(value(unit, 'Service', 'StateDirectoryMode')).toBe('0700');
    expect(environment(unit)['ADM_KIOSK_DATA_DIR']).toBe('/var/lib/adm-kiosk/data');
  });

  it('the Electron unit hands the configuration over by environment, the browser unit by --config, both /etc/adm-kiosk/config.json', () => {
    expect(environment(readUnit(unitFile('adm-kiosk.service')))['ADM_KIOSK_CONFIG']).toBe('/etc/adm-kiosk/config.json');
    expect(value(readUnit(unitFile('adm-kiosk-browser.service')), 'Service', 'ExecStart')).toContain('start --shell browser --config /etc/adm-kiosk/config.json');
  });

  it('the two units cannot run at once (one kiosk per screen and data folder)', () => {
    expect(value(readUnit(unitFile('adm-kiosk-browser.service')), 'Unit', 'Conflicts')).toContain('adm-kiosk.service');
  });

  it('the unit files parse as systemd would read them (the parser refuses a stray line)', () => {
    expect(() => readUnit(join(import.meta.dirname, 'pam.d', 'adm-kiosk'))).toThrow(/not "Key=value"/);
  });
});
