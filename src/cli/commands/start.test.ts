import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../api/test-support.ts';
import { runCli } from '../main.ts';
import { fakeIo } from '../testing.ts';

/** `adm-kiosk start` refuses what this version cannot run, by key, exit 2, before it builds or opens anything. */
const tempDir = useTempDirs();

async function start(config: unknown): Promise<{ code: number; err: string; dataDir: string }> {
  const dir = tempDir();
  const file = join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify(config));
  const dataDir = join(dir, 'data');
  const io = fakeIo();
  const code = await runCli(['start', '--headless', '--config', file, '--data-dir', dataDir], io);
  return { code, err: io.err(), dataDir };
}

describe('adm-kiosk start with a configuration this version cannot run', () => {
  it('production mode on demo parts: exit 2 naming each demo part; the data folder is not even created', async () => {
    const run = await start({ mode: 'production' });
    expect(run.code).toBe(2);
    expect(run.err).toContain('mode "production" runs only on real parts; these are demo parts: registry.kind "demo", cardReader.kind "simulated", printer.uri (emulator: not a real printer).');
    expect(existsSync(run.dataDir)).toBe(false);
  });

  it('production mode with the real registry and reader but the emulator as printer: exit 2 naming only the printer', async () => {
    const run = await start({
      mode: 'production',
      registry: { kind: 'http', url: 'https://registry.dukcapil.example/api' },
      cardReader: { kind: 'hid', vendorId: 4660, productId: 22136 },
    });
    expect(run.code).toBe(2);
    expect(run.err).toContain('mode "production" runs only on real parts; these are demo parts: printer.uri (emulator: not a real printer).');
    expect(run.err).not.toContain('is not available');
    expect(run.err.split('\n')[0]).not.toMatch(/registry\.kind|cardReader\.kind/);
  });
});
