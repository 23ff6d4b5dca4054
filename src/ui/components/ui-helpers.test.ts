import { describe, expect, it } from 'vitest';
import type { DemoCard } from '../../api/contract.ts';
import { formatClock } from './Clock.tsx';
import { filterDemoCards } from './DemoCardPicker.tsx';

const cards: DemoCard[] = [
  { nik: '3310130106830001', uid: 'A', name: 'Teguh Santoso', kabupatenKota: 'KABUPATEN KLATEN', documentTypes: ['kk', 'akta-kematian'] },
  { nik: '3310135001860001', uid: 'B', name: 'Yuni Rahayu', kabupatenKota: 'KABUPATEN KLATEN', documentTypes: ['ktp'] },
  { nik: '3471101201890001', uid: 'C', name: 'Joko', kabupatenKota: 'KOTA YOGYAKARTA', documentTypes: ['kk', 'kia'] },
];

describe('demo card picker filter', () => {
  it('keeps the cards with a document of the chosen type', () => {
    expect(filterDemoCards(cards, 'kk', '').map((c) => c.name)).toEqual(['Teguh Santoso', 'Joko']);
    expect(filterDemoCards(cards, null, '')).toHaveLength(3);
  });

  it('searches name, NIK and place, every word, ignoring case', () => {
    expect(filterDemoCards(cards, null, 'yuni').map((c) => c.name)).toEqual(['Yuni Rahayu']);
    expect(filterDemoCards(cards, null, '347110').map((c) => c.name)).toEqual(['Joko']);
    expect(filterDemoCards(cards, null, 'klaten santoso').map((c) => c.name)).toEqual(['Teguh Santoso']);
    expect(filterDemoCards(cards, 'ktp', 'joko')).toEqual([]);
  });
});

describe('clock', () => {
  it('writes the date and time as Indonesians do, and in English on the English screen', () => {
    const at = new Date(2026, 10, 30, 9, 5);
    expect(formatClock('id', at)).toEqual({ date: 'Senin, 30 November 2026', time: '09.05' });
    const english = formatClock('en', at);
    expect(english.date).toMatch(/^Monday,? 30 November 2026$/);
    expect(english.time).toBe('09:05');
  });
});
