import { describe, expect, it } from 'vitest';
import { addYears, ageOn, formatTanggal, formatTanggalPanjang, tanggalTerbilang, terbilang } from './terbilang.ts';

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1990, 'seribu sembilan ratus sembilan puluh'],
    [2000, 'dua ribu'],
    [2019, 'dua ribu sembilan belas'],
    [2024, 'dua ribu dua puluh empat'],
    [11000, 'sebelas ribu'],
    [100000, 'seratus ribu'],
    [1000000, 'satu juta'],
    [1_234_567, 'satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh'],
    [2_000_000_000, 'dua miliar'],
    [3_000_000_000_000, 'tiga triliun'],
  ])('%i -> %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('refuses fractions and negatives instead of printing nonsense', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('prints SIAK dates and dates in words', () => {
    expect(formatTanggal('1990-08-17')).toBe('17-08-1990');
    expect(formatTanggalPanjang('1990-08-17')).toBe('17 Agustus 1990');
    expect(tanggalTerbilang('1990-08-17')).toBe('tujuh belas Agustus seribu sembilan ratus sembilan puluh');
    expect(tanggalTerbilang('2019-12-09')).toBe('sembilan Desember dua ribu sembilan belas');
    expect(tanggalTerbilang('2000-01-01')).toBe('satu Januari dua ribu');
  });

  it('rejects dates that do not exist', () => {
    expect(() => formatTanggal('2023-02-29')).toThrow(RangeError);
    expect(() => formatTanggal('17-08-1990')).toThrow(RangeError);
  });

  it('counts whole years and adds years for card validity', () => {
    expect(ageOn('2012-12-09', '2024-08-17')).toBe(11);
    expect(ageOn('2019-08-17', '2024-08-17')).toBe(5);
    expect(ageOn('2019-08-18', '2024-08-17')).toBe(4);
    expect(addYears('2012-12-09', 17, 1)).toBe('2029-12-08');
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2020-03-01', 17, 1)).toBe('2037-02-28');
  });
});
