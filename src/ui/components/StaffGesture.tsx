import { useRef, type ReactNode } from 'react';

/**
 * The hidden staff door on the attract screen (docs/operations.md): press and hold the
 * top-left corner of the frame for 3 s, let go, then tap the top-right corner within 2 s.
 * Two invisible corner areas, not buttons (nothing for a resident to find or a screen reader
 * to announce). Rendered only on the attract step, so it is never reachable in a session.
 */
export const HOLD_MS = 3_000;
export const TAP_WITHIN_MS = 2_000;

export function StaffGesture(props: { onOpen: () => void; now?: () => number }): ReactNode {
  const now = props.now ?? (() => performance.now());
  const heldSince = useRef<number | null>(null);
  const armedUntil = useRef(0);
  return (
    <>
      <div
        className="staff-corner staff-corner--left"
        aria-hidden="true"
        data-testid="staff-corner-left"
        onPointerDown={() => (heldSince.current = now())}
        onPointerUp={() => {
          const since = heldSince.current;
          heldSince.current = null;
          armedUntil.current = since !== null && now() - since >= HOLD_MS ? now() + TAP_WITHIN_MS : 0;
        }}
        onPointerLeave={() => (heldSince.current = null)}
      />
      <div
        className="staff-corner staff-corner--right"
        aria-hidden="true"
        data-testid="staff-corner-right"
        onPointerDown={() => {
          if (armedUntil.current > 0 && now() <= armedUntil.current) {
            armedUntil.current = 0;
            props.onOpen();
          }
        }}
      />
    </>
  );
}
