/**
 * Indonesian numbers and dates in words, as a Kutipan Akta writes them
 * ("tujuh belas Agustus seribu sembilan ratus sembilan puluh"). Our own code: see
 * docs/decisions/0200-terbilang.md for why no npm package.
 */

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'] as const;

const SCALES: readonly [number, string][] = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

function below1000(n: number): string {
  if (n < 12) return UNITS[n] ?? '';
  if (n < 20) return `${UNITS[n - 10] ?? ''} belas`;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const rest = n % 10;
    return `${UNITS[tens] ?? ''} puluh${rest === 0 ? '' : ` ${below1000(rest)}`}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? 'seratus' : `${UNITS[hundreds] ?? ''} ratus`;
  return rest === 0 ? head : `${head} ${below1000(rest)}`;
}

/** A whole number from 0 to 999 999 999 999 999 in Indonesian words, lower case. */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError('terbilang takes a whole number from 0 to 999 999 999 999 999');
  if (n === 0) return 'nol';
  const parts: string[] = [];
  let rest = n;
  for (const [value, name] of SCALES) {
    const count = Math.floor(rest / value);
    if (count > 0) {
      // "seribu", never "satu ribu"; but "satu juta", "satu miliar".
      parts.push(value === 1e3 && count === 1 ? 'seribu' : `${below1000(count)} ${name}`);
      rest -= count * value;
    }
  }
  if (rest > 0) parts.push(below1000(rest));
  return parts.join(' ');
}

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

function parts(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new RangeError('expected a date as YYYY-MM-DD');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError('expected an existing date');
  return { year, month, day };
}

/** `1990-08-17` -> `17-08-1990`, as SIAK prints dates. */
export function formatTanggal(iso: string): string {
  const { year, month, day } = parts(iso);
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
}

/** `1990-08-17` -> `17 Agustus 1990`. */
export function formatTanggalPanjang(iso: string): string {
  const { year, month, day } = parts(iso);
  return `${day} ${BULAN[month - 1] ?? ''} ${year}`;
}

/** `1990-08-17` -> `tujuh belas Agustus seribu sembilan ratus sembilan puluh`. */
export function tanggalTerbilang(iso: string): string {
  const { year, month, day } = parts(iso);
  return `${terbilang(day)} ${BULAN[month - 1] ?? ''} ${terbilang(year)}`;
}

/**
 * A date in words in capitals, as a kutipan akta writes every date:
 * `2012-12-09` -> `SEMBILAN DESEMBER DUA RIBU DUA BELAS`.
 */
export function tanggalHurufBesar(iso: string): string {
  return tanggalTerbilang(iso).toLocaleUpperCase('id-ID');
}

/** Whole years between a birth date and a later date (both YYYY-MM-DD). */
export function ageOn(birthIso: string, onIso: string): number {
  const b = parts(birthIso);
  const d = parts(onIso);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

/** The date `years` after `iso`, minus `minusDays` days (29 February falls back to 28). */
export function addYears(iso: string, years: number, minusDays = 0): string {
  const { year, month, day } = parts(iso);
  const target = new Date(Date.UTC(year + years, month - 1, 1));
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay) - minusDays);
  return target.toISOString().slice(0, 10);
}
