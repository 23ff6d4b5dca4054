/**
 * The hidden way to the staff screens, as a pure state machine (the component feeds it
 * pointer events with their times): press and hold the top-left corner for HOLD_MS, then
 * tap the top-right corner within TAP_WITHIN_MS of letting go. Anything else starts over.
 */
export const HOLD_MS = 3_000;
export const TAP_WITHIN_MS = 2_000;

export type GestureState = { readonly phase: 'idle' } | { readonly phase: 'holding'; readonly since: number } | { readonly phase: 'armed'; readonly until: number };
export type GestureInput = { readonly type: 'down' | 'up'; readonly corner: 'start' | 'end'; readonly at: number };

export const GESTURE_IDLE: GestureState = { phase: 'idle' };

/** The next state, and whether the gesture is complete (open the staff sign-in). */
export function stepGesture(state: GestureState, input: GestureInput): { state: GestureState; done: boolean } {
  if (input.corner === 'start') {
    if (input.type === 'down') return { state: { phase: 'holding', since: input.at }, done: false };
    if (state.phase === 'holding' && input.at - state.since >= HOLD_MS) return { state: { phase: 'armed', until: input.at + TAP_WITHIN_MS }, done: false };
    return { state: GESTURE_IDLE, done: false };
  }
  if (input.type === 'down' && state.phase === 'armed' && input.at <= state.until) return { state: GESTURE_IDLE, done: true };
  return { state: input.type === 'down' ? GESTURE_IDLE : state, done: false };
}
