import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

export const IDLE_WARNING_MS = 15_000;

/** When the session view was received (performance.now()) and how long it said was left. */
export interface Countdown {
  readonly timeLeftMs: number | null;
  readonly receivedAt: number;
}

/**
 * Seconds left of a count-down the service pushes every second; between pushes (or if the
 * event stream stalls) it counts down locally from the last value. Null when not `active`.
 */
export function useSecondsLeft(countdown: Countdown, active: boolean): number | null {
  const [now, setNow] = useState(() => performance.now());
  const running = active && countdown.timeLeftMs !== null;
  useEffect(() => {
    if (!running) return undefined;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [running, countdown.receivedAt]);
  if (!running || countdown.timeLeftMs === null) return null;
  const left = Math.max(0, countdown.timeLeftMs - Math.max(0, now - countdown.receivedAt));
  return Math.ceil(left / 1000);
}

/**
 * The warning before an interactive step ends by itself. Not on the result screens (done,
 * error): they end by design and say so quietly themselves (`AutoReturn`).
 */
export function IdleWarning(props: { countdown: Countdown }): ReactNode {
  const { t } = useI18n();
  const active = props.countdown.timeLeftMs !== null && props.countdown.timeLeftMs < IDLE_WARNING_MS;
  const seconds = useSecondsLeft(props.countdown, active);
  if (seconds === null) return null;
  return (
    <div className="idle-warning" role="status" aria-live="polite" data-testid="idle-warning">
      {t('idle.warning', { seconds })}
    </div>
  );
}

/** "Layar kembali ke awal dalam 12 detik.": the result screens' calm note, not a warning. */
export function AutoReturn(props: { countdown: Countdown }): ReactNode {
  const { t } = useI18n();
  const seconds = useSecondsLeft(props.countdown, true);
  if (seconds === null) return null;
  return (
    <p className="auto-return" role="timer" data-testid="auto-return">
      {t('result.autoReturn', { seconds })}
    </p>
  );
}
