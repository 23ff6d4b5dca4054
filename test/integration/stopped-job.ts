import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { documentStatus, printLog } from './serial-rig.ts';

/**
 * A kiosk stopped while its print waited on a fault closed the job as the transaction table
 * says (src/api/README.md): no page handed over, interrupted with the PIN released (the
 * document prints again); otherwise needs-review with the PIN held. Its application log ends
 * with the shutdown line and holds no error.
 */
export async function expectStoppedJobClosedHonestly(dataDir: string, documentId: string): Promise<void> {
  const [rows, status] = await Promise.all([printLog(dataDir), documentStatus(dataDir, documentId)]);
  expect(rows).toHaveLength(1);
  const row = rows[0];
  if (row?.pages_handed === 0) {
    expect(row).toMatchObject({ state: 'interrupted', pin_state: 'released', error_code: null });
    expect(status).toBe('ready');
  } else {
    expect(row).toMatchObject({ state: 'needs-review', pin_state: 'held', error_code: 'PRINT_CANCELLED' });
    expect(status).toBe('redeemed');
  }
  const lines = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { level: string; context: string });
  expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  expect(lines.at(-1)).toMatchObject({ level: 'info', context: 'shutdown' });
}
