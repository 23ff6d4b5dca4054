import { describe, expect, it } from 'vitest';
import { formatBytes, lastMonth, thisMonth } from './ops-range.ts';

describe('ops screen ranges', () => {
  it('this month and last month, across a year boundary', () => {
    expect(thisMonth(new Date(2026, 10, 20))).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(lastMonth(new Date(2026, 10, 20))).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(lastMonth(new Date(2027, 0, 5))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(lastMonth(new Date(2028, 2, 1))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(formatBytes(15_800_000_000)).toBe('15.8 GB');
  });
});
