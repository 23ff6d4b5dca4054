import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PausePoint } from '../../src/api/ports.ts';
import { ending, endState, nextStartRecovers, printAndKill, TABLE_ENDINGS, type KillTarget } from './kill-rig.ts';
import { createLab, demoHolder, tempDir, type Lab } from './serial-rig.ts';

/**
 * kill -9 of a real `adm-kiosk print` process at named points of the print transaction
 * (ADM_KIOSK_TEST_PAUSE_AT, honoured only with ADM_KIOSK_TEST_HOOKS=1), then the next start's
 * recovery: every kill point ends in its row of the table (src/api/README.md). The printer is
 * the in-process ESC/POS emulator; the document a KTP-el (two pages).
 *
 * A long loop of kills at random moments: `npm run bench -- kill` (test/bench/kill-print.bench.ts).
 */
const POINTS: readonly [PausePoint, string][] = [
  ['after-intent', 'cancelled/not-redeemed/ready'],
  ['after-redeem', 'cancelled/released/ready'],
  ['before-first-byte', 'interrupted/released/ready'],
  ['after-first-byte', 'needs-review/held/redeemed'],
  ['after-last-page', 'needs-review/held/redeemed'],
  ['after-printed', 'printed/confirmed/printed'],
];

let lab: Lab;
const endings = new Map<PausePoint, { ending: string; killed: boolean }>();

beforeAll(async () => {
  lab = createLab();
  // Two kills at a time (the suite shares two cores with timing-sensitive serial tests), each
  // in its own data folder (the demo registry's PINs are the same in each).
  const queue = [...POINTS];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [point] = next;
      const dataDir = tempDir(`adm-kill-${point}-`);
      const { nik, document } = await demoHolder(dataDir, 'ktp');
      const target: KillTarget = { dataDir, nik, documentId: document.id, pin: document.pin, type: 'ktp' };
      const outcome = await printAndKill(lab, target, { point });
      await nextStartRecovers(dataDir);
      endings.set(point, { ending: ending(await endState(target)), killed: outcome.killed });
    }
  };
  await Promise.all([worker(), worker()]);
}, 240_000);

afterAll(async () => {
  await lab?.cleanUp();
});

describe('adm-kiosk print killed with SIGKILL at each point, then the next start', () => {
  it.each(POINTS)('killed %s: ends as %s (row state / PIN state / document at the registry)', (point, expected) => {
    const result = endings.get(point);
    expect(result?.killed).toBe(true);
    expect(TABLE_ENDINGS).toContain(expected);
    expect(result?.ending).toBe(expected);
  });
});
