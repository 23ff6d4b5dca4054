import { describe, expect, it } from 'vitest';
import { formatUtcOffset, parseUtcOffset, rangeToUtc } from './dates.ts';

describe('dates', () => {
  it('turns local calendar days into a UTC half-open range, WIB by default', () => {
    expect(rangeToUtc({ from: '2024-05-01', to: '2024-05-02' })).toEqual({ startIso: '2024-04-30T17:00:00.000Z', endIso: '2024-05-02T17:00:00.000Z' });
    expect(rangeToUtc({ from: '2024-05-01', to: '2024-05-01', utcOffsetMinutes: 9 * 60 })).toEqual({ startIso: '2024-04-30T15:00:00.000Z', endIso: '2024-05-01T15:00:00.000Z' });
    expect(rangeToUtc({ from: '2024-12-31', to: '2024-12-31', utcOffsetMinutes: 0 })).toEqual({ startIso: '2024-12-31T00:00:00.000Z', endIso: '2025-01-01T00:00:00.000Z' });
  });

  it('refuses a reversed range or a date that does not exist', () => {
    expect(() => rangeToUtc({ from: '2024-05-02', to: '2024-05-01' })).toThrow('starts (2024-05-02) after it ends (2024-05-01)');
    expect(() => rangeToUtc({ from: '2023-02-29', to: '2023-03-01' })).toThrow('real date');
  });

  it('understands WIB, WITA, WIT and numeric offsets', () => {
    expect(['WIB', 'wita', 'WIT', 'UTC', 'Asia/Makassar', '+07:00', '+0800', '+9', '-03:30'].map(parseUtcOffset)).toEqual([420, 480, 540, 0, 480, 420, 480, 540, -210]);
    expect(() => parseUtcOffset('Europe/Berlin')).toThrow(expect.objectContaining({ code: 'ARGUMENT_INVALID', message: 'The time zone "Europe/Berlin" is not understood.' }));
    expect(() => parseUtcOffset('+15')).toThrow();
    expect(formatUtcOffset(420)).toBe('WIB (UTC+07:00)');
    expect(formatUtcOffset(-210)).toBe('UTC-03:30');
  });
});
