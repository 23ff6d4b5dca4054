import { PAUSE_POINTS, type PauseHook, type PausePoint } from '../api/ports.ts';
import { KioskError } from '../core/errors.ts';

/**
 * The kill tests' hook: with ADM_KIOSK_TEST_HOOKS=1 and ADM_KIOSK_TEST_PAUSE_AT=<point>, the
 * print transaction stops at that point, says so on stderr ("test pause: <point> (pid N)")
 * and waits forever, so the test can kill -9 the process exactly there. Without
 * ADM_KIOSK_TEST_HOOKS=1 the variable is ignored; in production mode it is refused.
 */
export function testPauseHook(env: Readonly<Record<string, string | undefined>>, mode: 'demo' | 'production', say: (line: string) => void): PauseHook | undefined {
  const point = env['ADM_KIOSK_TEST_PAUSE_AT'];
  if (point === undefined || point === '' || env['ADM_KIOSK_TEST_HOOKS'] !== '1') return undefined;
  if (mode === 'production') throw new KioskError('CONFIG_INVALID', 'Test hooks (ADM_KIOSK_TEST_HOOKS) are refused in production mode.', { hint: 'Unset ADM_KIOSK_TEST_HOOKS and ADM_KIOSK_TEST_PAUSE_AT.' });
  if (!(PAUSE_POINTS as readonly string[]).includes(point)) {
    throw new KioskError('CONFIG_INVALID', `ADM_KIOSK_TEST_PAUSE_AT must be one of ${PAUSE_POINTS.join(', ')}, got "${point}".`);
  }
  return (at: PausePoint) => {
    if (at !== point) return Promise.resolve();
    say(`test pause: ${at} (pid ${process.pid})`);
    // Keeps the process alive (and frozen at this point) until it is killed.
    setInterval(() => undefined, 60_000);
    return new Promise<void>(() => undefined);
  };
}

/**
 * The fault matrix's hook: with ADM_KIOSK_TEST_HOOKS=1, ADM_KIOSK_TEST_RECONCILE_MS=<ms>
 * (200 to 60 000) makes the running kiosk reconcile open jobs that often instead of every
 * 60 s, so a test sees a lost confirm or release settled without waiting a minute. Ignored
 * without the hooks flag; refused in production mode.
 */
export function testReconcileEveryMs(env: Readonly<Record<string, string | undefined>>, mode: 'demo' | 'production'): number | undefined {
  const value = env['ADM_KIOSK_TEST_RECONCILE_MS'];
  if (value === undefined || value === '' || env['ADM_KIOSK_TEST_HOOKS'] !== '1') return undefined;
  if (mode === 'production') throw new KioskError('CONFIG_INVALID', 'Test hooks (ADM_KIOSK_TEST_HOOKS) are refused in production mode.', { hint: 'Unset ADM_KIOSK_TEST_HOOKS and ADM_KIOSK_TEST_RECONCILE_MS.' });
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 200 || ms > 60_000) throw new KioskError('CONFIG_INVALID', `ADM_KIOSK_TEST_RECONCILE_MS must be a whole number of milliseconds from 200 to 60000, got "${value}".`);
  return ms;
}
