import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { loadKioskKey, publicKeyText } from '../../src/records/request-signing.ts';
import { BIN, ROOT, tempDir } from '../e2e/kiosk-process.ts';

/**
 * Test support: `adm-kiosk registry serve` as a real process on a port the OS picks, with one
 * enrolled kiosk whose key is made here. `stop()` ends it (SIGTERM) and waits.
 */
export interface RegistryProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly kioskId: string;
  readonly key: KeyObject;
  readonly keyFile: string;
  readonly kiosksFile: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startRegistryProcess(options: { kioskId?: string; dataDir?: string } = {}): Promise<RegistryProcess> {
  const dir = tempDir('adm-registry-serve-');
  const dataDir = options.dataDir ?? join(dir, 'data');
  const kioskId = options.kioskId ?? 'ADM-TEST-01';
  const keyFile = join(dir, 'kiosk-key.pem');
  const key = loadKioskKey(keyFile, { create: true });
  const kiosksFile = join(dir, 'kiosks.json');
  writeFileSync(kiosksFile, JSON.stringify({ kiosks: { [kioskId]: publicKeyText(key) } }));
  const child = spawn(process.execPath, [BIN, 'registry', 'serve', '--port', '0', '--kiosks', kiosksFile, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ADM_KIOSK_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (out += text));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry serve did not start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const match = /Registry serving at (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    kioskId,
    key,
    keyFile,
    kiosksFile,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
