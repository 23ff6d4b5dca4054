import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBundleState } from '../../bin/cli-bundle.mjs';
import { BIN, ROOT } from '../e2e/kiosk-process.ts';

/**
 * bin/adm-kiosk runs the compiled command line (dist/electron/cli.mjs, what the packaged app
 * ships) and never old code silently: a missing or stale bundle is rebuilt first, with one
 * line on stderr. Here the bundle goes to a folder of its own under dist/ (ADM_KIOSK_BUNDLE_DIR),
 * where it resolves node_modules as dist/electron does.
 */
let dir = '';
const manifest = () => join(dir, 'cli.inputs.json');

function adm(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ADM_KIOSK_DATA_DIR: '', ADM_KIOSK_FROM_SOURCES: '', ADM_KIOSK_BUNDLE_DIR: dir, ...env } });
}

/** The bundle's help text replaced, as if it were built from sources that have changed since. */
function makeBundleOld(builtAtMs: number): void {
  const cli = join(dir, 'cli.mjs');
  writeFileSync(cli, readFileSync(cli, 'utf8').replace('adm-kiosk: the Anjungan Dukcapil Mandiri kiosk', 'OLD CODE'));
  const inputs = JSON.parse(readFileSync(manifest(), 'utf8')) as { inputs: string[] };
  writeFileSync(manifest(), JSON.stringify({ builtAtMs, inputs: inputs.inputs }));
}

beforeAll(() => {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'dist', 'cli-test-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/adm-kiosk and the compiled command line', () => {
  it('a fresh checkout (no bundle): builds it first, says so in one line on stderr, then answers', () => {
    const run = adm(['--help']);
    expect(run.stderr).toBe(`adm-kiosk: building the command line into ${relative(ROOT, dir)} (it is not built yet)...\n`);
    expect(run.stdout).toContain('adm-kiosk: the Anjungan Dukcapil Mandiri kiosk');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'cli.mjs'))).toBe(true);
  }, 60_000);

  it('a current bundle runs as it is, with no notice', () => {
    const run = adm(['demo', 'citizens', '--json', '--data-dir', join(dir, 'data')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ nik: string }>)[0]?.nik).toMatch(/^\d{16}$/);
  }, 60_000);

  it('a source changed after the build: the old bundle does not run; it is rebuilt, naming the change', () => {
    // Built "before" the newest source's last change.
    const newest = Math.max(...(JSON.parse(readFileSync(manifest(), 'utf8')) as { inputs: string[] }).inputs.map((input) => statSync(join(ROOT, input)).mtimeMs));
    makeBundleOld(newest - 1);
    const run = adm(['--help']);
    expect(run.stderr).toMatch(/^adm-kiosk: building the command line into \S+ \(\S+\.tsx? changed\)\.\.\.\n$/);
    expect(run.stdout).not.toContain('OLD CODE');
    expect(run.stdout).toContain('adm-kiosk: the Anjungan Dukcapil Mandiri kiosk');
    expect(cliBundleState(dir)).toEqual({ current: true });
  }, 60_000);

  it('a source the bundle was built from is gone: rebuilt, naming it', () => {
    const inputs = JSON.parse(readFileSync(manifest(), 'utf8')) as { builtAtMs: number; inputs: string[] };
    writeFileSync(manifest(), JSON.stringify({ ...inputs, inputs: [...inputs.inputs, 'src/cli/commands/removed.ts'] }));
    expect(cliBundleState(dir)).toEqual({ current: false, reason: 'src/cli/commands/removed.ts is gone' });
    const run = adm(['--help']);
    expect(run.stderr).toContain('(src/cli/commands/removed.ts is gone)');
    expect(run.status).toBe(0);
  }, 60_000);

  it('a damaged list of sources counts as stale, not as current', () => {
    writeFileSync(manifest(), '{"builtAtMs": ');
    expect(cliBundleState(dir)).toEqual({ current: false, reason: 'its list of sources is damaged' });
    expect(adm(['--help']).stderr).toContain('(its list of sources is damaged)');
  }, 60_000);

  it('ADM_KIOSK_FROM_SOURCES=1 runs the TypeScript sources, not the bundle', () => {
    makeBundleOld(Date.now() + 3_600_000);
    const run = adm(['--help'], { ADM_KIOSK_FROM_SOURCES: '1' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('adm-kiosk: the Anjungan Dukcapil Mandiri kiosk');
    // A command's module, loaded when it runs, comes from the sources too.
    const citizens = adm(['demo', 'citizens', '--json', '--data-dir', join(dir, 'data')], { ADM_KIOSK_FROM_SOURCES: '1' });
    expect(citizens.stderr).toBe('');
    expect(citizens.status).toBe(0);
    expect((JSON.parse(citizens.stdout) as Array<{ nik: string }>)[0]?.nik).toMatch(/^\d{16}$/);
    // The same bundle, run without the variable, is what the marker says it is.
    expect(adm(['--help']).stdout).toContain('OLD CODE');
  }, 60_000);
});
