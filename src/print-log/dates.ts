import { KioskError } from '../core/errors.ts';

/**
 * Date ranges for the print log. Ops staff think in the kiosk's calendar days, not UTC:
 * `from` and `to` are calendar dates (YYYY-MM-DD) in the kiosk's local time, both
 * inclusive. Indonesia has no daylight saving, so a fixed offset is exact: WIB (UTC+7,
 * the default), WITA (UTC+8), WIT (UTC+9). Timestamps are stored in UTC.
 */
export interface DateRange {
  /** First calendar day, YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** Last calendar day, YYYY-MM-DD, inclusive. */
  readonly to: string;
  /** Offset of the kiosk's local time from UTC in minutes; default 420 (WIB, UTC+7). */
  readonly utcOffsetMinutes?: number;
}

export const WIB_OFFSET_MINUTES = 7 * 60;

const ZONES: Readonly<Record<string, number>> = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60, UTC: 0 };
/** Indonesia's IANA zones, which have had fixed offsets since 1988. */
const IANA: Readonly<Record<string, number>> = { 'ASIA/JAKARTA': 420, 'ASIA/PONTIANAK': 420, 'ASIA/MAKASSAR': 480, 'ASIA/JAYAPURA': 540 };

/** `WIB`, `WITA`, `WIT`, `UTC`, Indonesia's IANA names (`Asia/Jakarta`), or an offset such as `+07:00`, `+0700`, `+7`, `-03:30`. */
export function parseUtcOffset(text: string): number {
  const zone = ZONES[text.trim().toUpperCase()] ?? IANA[text.trim().toUpperCase()];
  if (zone !== undefined) return zone;
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text.trim());
  if (match !== null) {
    const hours = Number(match[2]);
    const minutes = Number(match[3] ?? '0');
    if (hours <= 14 && minutes < 60) return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  throw new KioskError('ARGUMENT_INVALID', `The time zone "${text}" is not understood.`, {
    hint: 'Use WIB, WITA, WIT, UTC, Asia/Jakarta, Asia/Makassar, Asia/Jayapura or an offset such as +07:00.',
  });
}

export function formatUtcOffset(minutes: number): string {
  const name = Object.entries(ZONES).find(([, value]) => value === minutes)?.[0];
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return name === undefined || name === 'UTC' ? `UTC${offset}` : `${name} (UTC${offset})`;
}

function dayStartUtcMs(date: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new KioskError('ARGUMENT_INVALID', `The ${name} date must be a real date as YYYY-MM-DD, got "${date}".`);
  }
  return ms;
}

/**
 * The UTC instants a range of local calendar days covers: `[startIso, endIso)`, start
 * inclusive, end exclusive (the first instant of the day after `to`).
 */
export function rangeToUtc(range: DateRange): { readonly startIso: string; readonly endIso: string } {
  const offsetMs = (range.utcOffsetMinutes ?? WIB_OFFSET_MINUTES) * 60_000;
  const start = dayStartUtcMs(range.from, 'from');
  const end = dayStartUtcMs(range.to, 'to');
  if (start > end) {
    throw new KioskError('ARGUMENT_INVALID', `The range starts (${range.from}) after it ends (${range.to}).`, { hint: 'Give the earlier date as from.' });
  }
  return { startIso: new Date(start - offsetMs).toISOString(), endIso: new Date(end + 86_400_000 - offsetMs).toISOString() };
}
