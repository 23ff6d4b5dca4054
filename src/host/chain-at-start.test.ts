import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { createAppLog } from './app-log.ts';
import { parseConfig } from './config.ts';
import { openKiosk } from './kiosk.ts';

const tempDir = useTempDirs();

describe('start-up finds the print log chain broken', () => {
  it('says so in the application log (PRINT_LOG_TAMPERED, naming the row), keeps serving, and new rows still chain on', async () => {
    const dataDir = join(tempDir(), 'data');
    const open = () => openKiosk({ config: parseConfig({}), dataDir, interactive: false, appLog: createAppLog({ dataDir, echo: false }) });
    const first = await open();
    first.printLog.audit({ actor: 'ops', action: 'refill', detail: 'sheets' });
    first.printLog.audit({ actor: 'ops', action: 'export', detail: '3 rows' });
    expect(first.core.chainAtStart.ok).toBe(true);
    await first.close();

    const attacker = new Database(join(dataDir, 'print-log.sqlite'));
    attacker.exec('DROP TRIGGER audit_no_update');
    attacker.prepare("UPDATE audit SET detail = '0 rows' WHERE action = 'export'").run();
    attacker.close();

    const second = await open();
    try {
      expect(second.core.chainAtStart).toMatchObject({ ok: false, firstBad: { table: 'audit', id: 2 } });
      const lines = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.find((line) => line['code'] === 'PRINT_LOG_TAMPERED')).toMatchObject({ level: 'error', context: 'print log' });
      expect(second.service.view().state.step).toBe('attract');
      expect((await second.service.listDemoCards()).length).toBeGreaterThan(0);
      second.printLog.audit({ actor: 'system', action: 'start-up' });
      expect(second.printLog.verifyChain().firstBad).toMatchObject({ table: 'audit', id: 2 });
    } finally {
      await second.close();
    }
  });
});
