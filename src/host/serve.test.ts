import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../api/contract-kit.ts';
import { createHttpClient, createHttpKioskApi } from '../api/http-client.ts';
import { kioskTokenFromLaunchUrl } from '../api/launch-client.ts';
import { useTempDirs } from '../api/test-support.ts';
import { createAppLog } from './app-log.ts';
import { parseConfig } from './config.ts';
import { mountApi } from './loopback-server.ts';
import { serveKiosk } from './serve.ts';

const tempDir = useTempDirs();
const NIK = '3273015708850001';
const ROOT = join(import.meta.dirname, '..', '..');

const diagContract = defineContract({
  name: 'adm-diag-test',
  methods: { boom: { input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) } },
  events: {},
});

function logLines(dataDir: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('serveKiosk', () => {
  it('an unexpected error in any mounted API goes to the application log by class and stack, and the kiosk keeps serving', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const uiDir = join(dir, 'ui');
    mkdirSync(uiDir);
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const served = await serveKiosk({
      config: parseConfig({}),
      dataDir,
      uiDir,
      interactive: false,
      guardProcess: false,
      appLog: createAppLog({ dataDir, echo: false }),
      extraMounts: () => [mountApi({ contract: diagContract, handlers: { boom: () => Promise.reject(new RangeError(`bad index for ${NIK}`)) }, prefix: '/diag', token: 'diag-token-1' })],
    });
    try {
      const diag = createHttpClient(diagContract, { baseUrl: served.server.url, token: 'diag-token-1', prefix: '/diag' });
      await expect(diag.boom({})).rejects.toMatchObject({ code: 'INTERNAL' });
      const kiosk = createHttpKioskApi({ baseUrl: served.server.url, token: await kioskTokenFromLaunchUrl(served.launchUrl()) });
      await expect(kiosk.getSession({})).resolves.toMatchObject({ state: { step: 'attract' }, availability: { inService: true } });
      const line = logLines(dataDir).find((l) => l['context'] === 'adm-diag-test API boom');
      expect(line).toMatchObject({ level: 'error', code: 'INTERNAL', errorClass: 'RangeError' });
      expect((line?.['stack'] as string[]).length).toBeGreaterThan(0);
      expect(readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')).not.toContain(NIK);
      expect(served.kiosk.core.lock.note.port).toBe(served.server.port);
    } finally {
      await served.close();
    }
  });

  it('the process net: an unhandled rejection is logged by class and stack (not its message) and the process goes on', () => {
    const dataDir = tempDir();
    const script = `
      import { createAppLog } from './src/host/app-log.ts';
      import { installProcessGuards } from './src/host/process-guards.ts';
      installProcessGuards(createAppLog({ dataDir: ${JSON.stringify(dataDir)}, echo: false }));
      Promise.reject(new RangeError('leaked ${NIK}'));
      setTimeout(() => console.log('still serving'), 200);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('still serving');
    expect(logLines(dataDir)).toMatchObject([{ level: 'error', context: 'unhandled promise rejection', code: 'INTERNAL', errorClass: 'RangeError' }]);
    expect(readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')).not.toContain(NIK);
  });
});
