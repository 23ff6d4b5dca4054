import { describe, expect, it } from 'vitest';
import { CrashWindow } from './crash-window.ts';

describe('CrashWindow: 3 in 60 s', () => {
  it('the third failure within 60 s of the first is the limit', () => {
    const window = new CrashWindow(3, 60_000);
    expect(window.exceeded(window.record(0))).toBe(false);
    expect(window.exceeded(window.record(30_000))).toBe(false);
    expect(window.exceeded(window.record(59_999))).toBe(true);
  });

  it('failures older than the window no longer count', () => {
    const window = new CrashWindow(3, 60_000);
    window.record(0);
    window.record(30_000);
    expect(window.record(60_000)).toBe(2);
    expect(window.exceeded(window.record(95_000))).toBe(false);
  });

  it('refuses a limit or a window that cannot mean anything', () => {
    expect(() => new CrashWindow(0, 60_000)).toThrow(RangeError);
    expect(() => new CrashWindow(3, 0)).toThrow(RangeError);
  });
});
