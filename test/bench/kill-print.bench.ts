import { ending, endState, nextStartRecovers, printAndKill, TABLE_ENDINGS, type KillTarget } from '../integration/kill-rig.ts';
import { createLab, demoHolder, tempDir } from '../integration/serial-rig.ts';
import type { Bench } from './harness.ts';

/**
 * The kill -9 loop of issue 7: `adm-kiosk print` (KTP-el to the in-process emulator) killed at
 * a random moment of its run, ADM_KIOSK_KILLS times (default 100), each followed by the next
 * start's recovery; every kill must end in a row of the transaction table. Reports how often
 * each row came up. (`npm run bench -- kill`; about 3 s per kill)
 */
export default async function killLoop(bench: Bench): Promise<void> {
  const kills = Number(process.env['ADM_KIOSK_KILLS'] ?? 100);
  const lab = createLab();
  const counts = new Map<string, number>();
  const violations: string[] = [];
  try {
    // How long one uninterrupted print takes here, to spread the kills over it.
    const probeDir = tempDir('adm-kill-probe-');
    const probe = await demoHolder(probeDir, 'ktp');
    const whole = await lab.run(['print', 'ktp', '--nik', probe.nik, '--pin', probe.document.pin, '--printer', `emulator:${probeDir}/paper`, '--data-dir', probeDir]);
    if (whole.status !== 0) throw new Error(`the uninterrupted print failed: ${whole.stderr}`);
    // Most of a run is Node starting; the kills are spread from just before the intent is logged to the end.
    const startDir = tempDir('adm-kill-probe-');
    const started = performance.now();
    const paused = lab.spawn(['print', 'ktp', '--nik', probe.nik, '--pin', probe.document.pin, '--printer', `emulator:${startDir}/paper`, '--data-dir', startDir], { ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_PAUSE_AT: 'after-intent' });
    await paused.waitForOutput(/test pause: after-intent/, 60_000);
    const intentMs = performance.now() - started;
    paused.child.kill('SIGKILL');
    await paused.result;
    bench.row('uninterrupted print', { ms: whole.ms, intentLoggedAtMs: intentMs });
    let next = 0;
    const worker = async () => {
      while (next < kills) {
        next += 1;
        const dataDir = tempDir('adm-kill-');
        const { nik, document } = await demoHolder(dataDir, 'ktp');
        const target: KillTarget = { dataDir, nik, documentId: document.id, pin: document.pin, type: 'ktp' };
        const from = intentMs * 0.95;
        const afterMs = Math.round(from + Math.random() * (whole.ms - from));
        await printAndKill(lab, target, { afterMs });
        await nextStartRecovers(dataDir);
        const end = ending(await endState(target));
        counts.set(end, (counts.get(end) ?? 0) + 1);
        if (!TABLE_ENDINGS.includes(end)) violations.push(`killed after ${afterMs} ms: ${end}`);
      }
    };
    // One print at a time, so each run's timing matches the probes above.
    await worker();
  } finally {
    await lab.cleanUp();
  }
  for (const [end, count] of [...counts].sort()) bench.row(end, { kills: count });
  for (const violation of violations.slice(0, 10)) bench.row('NOT IN THE TABLE', { end: violation });
  bench.target('every kill ends in a row of the transaction table', violations.length === 0, `${kills} kills, ${violations.length} outside the table`);
}
