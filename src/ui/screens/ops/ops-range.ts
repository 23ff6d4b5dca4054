/** Date ranges for the ops screen, as calendar days (YYYY-MM-DD) of the kiosk's clock. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** The first day of this month to today. */
export function thisMonth(today: Date): DayRange {
  return { from: day(today.getFullYear(), today.getMonth(), 1), to: day(today.getFullYear(), today.getMonth(), today.getDate()) };
}

/** The whole of last month. */
export function lastMonth(today: Date): DayRange {
  return { from: day(today.getFullYear(), today.getMonth() - 1, 1), to: day(today.getFullYear(), today.getMonth(), 0) };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}
