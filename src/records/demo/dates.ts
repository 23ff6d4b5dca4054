/**
 * Calendar arithmetic on whole days for the demo data. Pure: no clock is read; a date is
 * an ISO string (YYYY-MM-DD) or a day number (days since 1970-01-01, UTC).
 */
const MS_PER_DAY = 86_400_000;

export function toDays(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY;
}

export function toIso(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same day `years` later (29 February becomes 1 March in common years). */
export function addYears(days: number, years: number): number {
  const date = new Date(days * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY;
}

/** Completed years between a birth date and a reference date. */
export function ageAt(birth: number, reference: number): number {
  const b = toIso(birth);
  const r = toIso(reference);
  const years = Number(r.slice(0, 4)) - Number(b.slice(0, 4));
  return r.slice(5) < b.slice(5) ? years - 1 : years;
}

export function yearOf(days: number): number {
  return Number(toIso(days).slice(0, 4));
}

/** "12032020" for 2020-03-12, as in akta numbers. */
export function ddmmyyyy(days: number): string {
  const [y, m, d] = toIso(days).split('-');
  return `${d ?? ''}${m ?? ''}${y ?? ''}`;
}

/** "120320" for 2020-03-12, as in the No. KK. */
export function ddmmyy(days: number): string {
  return ddmmyyyy(days).slice(0, 4) + ddmmyyyy(days).slice(6);
}
