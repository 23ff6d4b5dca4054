import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';
import { GESTURE_IDLE, stepGesture, type GestureState } from './staff-gesture.ts';

/**
 * Two invisible corners of the frame (attract screen only): hold the top-left one for 3 s,
 * then tap the top-right one within 2 s, and `onOpen` runs (the staff sign-in). Documented in
 * docs/operations.md; never rendered during a resident's session.
 */
export function StaffGesture(props: { onOpen: () => void }): ReactNode {
  const { t } = useI18n();
  const state = useRef<GestureState>(GESTURE_IDLE);
  const feed = (type: 'down' | 'up', corner: 'start' | 'end') => {
    const next = stepGesture(state.current, { type, corner, at: performance.now() });
    state.current = next.state;
    if (next.done) props.onOpen();
  };
  return (
    <>
      <div
        className="staff-corner staff-corner--start"
        aria-hidden="true"
        title={t('staff.gestureStart')}
        data-testid="staff-corner-start"
        onPointerDown={() => feed('down', 'start')}
        onPointerUp={() => feed('up', 'start')}
        onPointerLeave={() => state.current.phase === 'holding' && feed('up', 'start')}
      />
      <div className="staff-corner staff-corner--end" aria-hidden="true" title={t('staff.gestureEnd')} data-testid="staff-corner-end" onPointerDown={() => feed('down', 'end')} />
    </>
  );
}
