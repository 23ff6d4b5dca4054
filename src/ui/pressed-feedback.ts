/**
 * Touch feedback: the control under a finger looks pressed the moment the finger lands.
 * CSS `:active` alone is not enough on a touchscreen (Chromium may hold it back while it
 * decides whether a touch is a scroll), so a capture-phase pointerdown listener marks the
 * control synchronously, in the same task as the touch, before React or the kiosk answer;
 * the mark goes when the finger lifts, leaves or the touch is cancelled.
 */
export const PRESSED_CLASS = 'is-pressed';
const PRESSABLE = 'button, [role="button"], input, [data-pressable]';

export function installPressedFeedback(root: Document = document): () => void {
  let pressed: Element | null = null;
  const release = () => {
    pressed?.classList.remove(PRESSED_CLASS);
    pressed = null;
  };
  const down = (event: PointerEvent) => {
    release();
    const target = event.target instanceof Element ? event.target.closest(PRESSABLE) : null;
    if (target === null || target.matches(':disabled, [aria-disabled="true"]')) return;
    target.classList.add(PRESSED_CLASS);
    pressed = target;
  };
  // pointerleave does not bubble: caught in the capture phase it fires for every element the
  // pointer leaves, so only the pressed control's own leave counts.
  const leave = (event: PointerEvent) => {
    if (event.target === pressed) release();
  };
  root.addEventListener('pointerdown', down, true);
  root.addEventListener('pointerup', release, true);
  root.addEventListener('pointercancel', release, true);
  root.addEventListener('pointerleave', leave, true);
  return () => {
    release();
    root.removeEventListener('pointerdown', down, true);
    root.removeEventListener('pointerup', release, true);
    root.removeEventListener('pointercancel', release, true);
    root.removeEventListener('pointerleave', leave, true);
  };
}
