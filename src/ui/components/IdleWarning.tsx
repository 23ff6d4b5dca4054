import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

export const IDLE_WARNING_MS = 15_000;

/**
 * The count-down before the session ends by itself. The service pushes the time left every
 * second; between pushes (or if the event stream stalls) it counts down from the last value.
 */
export function IdleWarning(props: { timeLeftMs: number | null; receivedAt: number }): ReactNode {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const active = props.timeLeftMs !== null && props.timeLeftMs < IDLE_WARNING_MS;
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active, props.receivedAt]);
  if (!active || props.timeLeftMs === null) return null;
  const left = Math.max(0, props.timeLeftMs - Math.max(0, now - props.receivedAt));
  const seconds = Math.ceil(left / 1000);
  return (
    <div className="idle-warning" role="status" aria-live="polite" data-testid="idle-warning">
      {t('idle.warning', { seconds })}
    </div>
  );
}
