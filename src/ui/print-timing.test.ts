import { describe, expect, it } from 'vitest';
import { describeEstimate, formatMinutesSeconds, secondsLeft } from './print-timing.ts';

describe('print time estimate', () => {
  it('is the bytes left at the rate measured so far', () => {
    // 100 000 bytes in 10 s, 300 000 left: 30 s.
    expect(secondsLeft({ at: 0, bytesSent: 0 }, { at: 10_000, bytesSent: 100_000 }, 400_000)).toBeCloseTo(30, 6);
  });

  it('is unknown until there is enough to go on', () => {
    expect(secondsLeft(null, { at: 10_000, bytesSent: 100 }, 1000)).toBeNull();
    expect(secondsLeft({ at: 0, bytesSent: 0 }, { at: 500, bytesSent: 100 }, 1000)).toBeNull();
    expect(secondsLeft({ at: 0, bytesSent: 100 }, { at: 5_000, bytesSent: 100 }, 1000)).toBeNull();
    expect(secondsLeft({ at: 0, bytesSent: 0 }, { at: 5_000, bytesSent: 100 }, 0)).toBeNull();
  });

  it('is said as "less than a minute" or "about N minutes" (never "about 1 minutes")', () => {
    expect(describeEstimate(null)).toEqual({ kind: 'unknown' });
    expect(describeEstimate(59)).toEqual({ kind: 'soon' });
    expect(describeEstimate(61)).toEqual({ kind: 'minutes', minutes: 2 });
    expect(describeEstimate(125)).toEqual({ kind: 'minutes', minutes: 3 });
  });

  it('shows the waiting limit as m:ss, rounded up', () => {
    expect(formatMinutesSeconds(600_000)).toBe('10:00');
    expect(formatMinutesSeconds(545_000)).toBe('9:05');
    expect(formatMinutesSeconds(400)).toBe('0:01');
    expect(formatMinutesSeconds(0)).toBe('0:00');
  });
});
