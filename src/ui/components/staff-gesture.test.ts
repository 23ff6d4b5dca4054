import { describe, expect, it } from 'vitest';
import { GESTURE_IDLE, HOLD_MS, stepGesture, TAP_WITHIN_MS, type GestureInput, type GestureState } from './staff-gesture.ts';

function run(inputs: GestureInput[]): boolean {
  let state: GestureState = GESTURE_IDLE;
  let done = false;
  for (const input of inputs) {
    const next = stepGesture(state, input);
    state = next.state;
    done ||= next.done;
  }
  return done;
}

describe('the staff gesture', () => {
  it('opens after a 3 s hold of the top-left corner and a tap on the top-right one within 2 s', () => {
    expect(run([{ type: 'down', corner: 'start', at: 0 }, { type: 'up', corner: 'start', at: HOLD_MS }, { type: 'down', corner: 'end', at: HOLD_MS + TAP_WITHIN_MS }])).toBe(true);
  });

  it('does not open on a short hold, a late tap, the corners swapped, or a tap without the hold', () => {
    expect(run([{ type: 'down', corner: 'start', at: 0 }, { type: 'up', corner: 'start', at: HOLD_MS - 1 }, { type: 'down', corner: 'end', at: HOLD_MS + 10 }])).toBe(false);
    expect(run([{ type: 'down', corner: 'start', at: 0 }, { type: 'up', corner: 'start', at: HOLD_MS }, { type: 'down', corner: 'end', at: HOLD_MS + TAP_WITHIN_MS + 1 }])).toBe(false);
    expect(run([{ type: 'down', corner: 'end', at: 0 }, { type: 'down', corner: 'start', at: HOLD_MS + 100 }])).toBe(false);
    expect(run([{ type: 'down', corner: 'end', at: 0 }])).toBe(false);
  });
});
