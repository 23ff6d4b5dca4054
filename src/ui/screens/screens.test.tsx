import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { KioskApi, KioskInfo } from '../../api/contract.ts';
import { I18nProvider } from '../i18n/react.ts';
import type { Lang } from '../i18n/index.ts';
import type { StateAt } from '../screen-props.ts';
import { Attract } from './Attract.tsx';
import { Authorizing } from './Authorizing.tsx';
import { Choosing } from './Choosing.tsx';
import { Done } from './Done.tsx';
import { ErrorScreen } from './ErrorScreen.tsx';
import { Previewing } from './Previewing.tsx';
import { Printing } from './Printing.tsx';
import { ReadingCard } from './ReadingCard.tsx';

/** Server-side rendering: what each screen shows for a session state, without a DOM. */
const api = {} as KioskApi;
const common = { api, run: () => Promise.resolve(true), busy: false };
const resident = { name: 'SITI AMINAH', nikMasked: '327301********01' };
const documents = [
  { id: 'DOC-1', type: 'kk' as const, subjectName: 'BUDI SANTOSO', issuedAt: '2026-11-01' },
  { id: 'DOC-2', type: 'akta-kelahiran' as const, subjectName: 'RINA', issuedAt: '2026-10-15' },
];
const info = (mode: KioskInfo['mode']): KioskInfo => ({ mode, kioskId: 'ADM-1', version: '0', printer: 'p', cardReader: 'r', registry: 'g' });

function html(element: ReactElement, lang: Lang = 'id'): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang} setLang={() => undefined}>
      {element}
    </I18nProvider>,
  );
}

function isDisabled(markup: string, testId: string): boolean {
  const tag = new RegExp(`<button\\b[^>]*data-testid="${testId}"[^>]*>`).exec(markup)?.[0];
  if (tag === undefined) throw new Error(`no button ${testId}`);
  return tag.includes(' disabled=""');
}

/** Enabled buttons in the markup: every screen but printing needs one (never a dead end). */
function enabledButtons(markup: string): number {
  return [...markup.matchAll(/<button\b[^>]*>/g)].filter((m) => !/\sdisabled=""/.test(m[0])).length;
}

describe('resident screens', () => {
  it('attract: welcome and instruction; demo banner and picker only in demo mode', () => {
    const demo = html(<Attract state={{ step: 'attract' }} info={info('demo')} {...common} />);
    expect(demo).toContain('Selamat datang di Anjungan Dukcapil Mandiri');
    expect(demo).toContain('Tempelkan e-KTP Anda pada pembaca kartu');
    expect(demo).toContain('MODE DEMO');
    expect(demo).toContain('data-testid="demo-picker"');
    const production = html(<Attract state={{ step: 'attract' }} info={info('production')} {...common} />);
    expect(production).not.toContain('MODE DEMO');
    expect(production).not.toContain('demo-picker');
    expect(production).toContain('data-testid="lang-en"');
  });

  it('attract in English after the toggle', () => {
    expect(html(<Attract state={{ step: 'attract' }} info={info('production')} {...common} />, 'en')).toContain('Place your e-KTP on the card reader');
  });

  it('choosing: greeting, each document as a button with its title, subject and dd-mm-yyyy date, and the notice', () => {
    const state: StateAt<'choosing'> = { step: 'choosing', resident, documents, notice: { code: 'RENDER_FAILED', message: 'render failed' } };
    const markup = html(<Choosing state={state} {...common} />);
    expect(markup).toContain('Halo, SITI AMINAH');
    expect(markup).toMatch(/<button[^>]*data-testid="document-DOC-1"[^>]*>.*Kartu Keluarga.*Atas nama BUDI SANTOSO.*Terbit 01-11-2026/);
    expect(markup).toContain('data-testid="document-DOC-2"');
    expect(markup).toContain('Kutipan Akta Kelahiran');
    expect(markup).toContain('Dokumen tidak dapat disiapkan.');
    expect(markup).toContain('Selesai');
  });

  it('authorizing: ten digit keys, delete, a submit that waits for 4 digits, the PIN error in words', () => {
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: { code: 'PIN_INVALID', message: 'wrong PIN, 2 attempts left' } };
    const markup = html(<Authorizing state={state} {...common} />);
    for (const digit of '0123456789') expect(markup).toContain(`data-testid="pin-key-${digit}"`);
    expect(isDisabled(markup, 'pin-submit')).toBe(true);
    expect(isDisabled(markup, 'pin-key-5')).toBe(false);
    expect(markup).toContain('PIN salah. Sisa percobaan: 2 kali.');
    expect(markup).toContain('Kembali');
  });

  it('authorizing with a locked PIN: the keypad is off, "Kembali" still works', () => {
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: { code: 'PIN_LOCKED', message: 'locked' } };
    const markup = html(<Authorizing state={state} {...common} />);
    expect(isDisabled(markup, 'pin-key-5')).toBe(true);
    expect(isDisabled(markup, 'back-button')).toBe(false);
    expect(markup).toContain('PIN diblokir');
    expect(enabledButtons(markup)).toBe(1);
  });

  it('previewing: print button present (enabled once the pages arrive), back always available', () => {
    const markup = html(<Previewing state={{ step: 'previewing', resident, documents, documentId: 'DOC-1', pageCount: 1 }} {...common} />);
    expect(isDisabled(markup, 'print-button')).toBe(true);
    expect(isDisabled(markup, 'back-button')).toBe(false);
    expect(markup).toContain('Menyiapkan pratinjau');
    expect(enabledButtons(markup)).toBe(1);
  });

  it('printing: progress from bytes sent and pages done; a fault shown in words with what to do', () => {
    const progress = { pagesDone: 1, pageCount: 2, bytesSent: 250, bytesTotal: 1000, fault: { code: 'PRINTER_PAPER_END' as const, message: 'out of paper' } };
    const markup = html(<Printing state={{ step: 'printing', resident, documents, documentId: 'DOC-1', progress }} {...common} />);
    expect(markup).toContain('aria-valuenow="25"');
    expect(markup).toContain('25% terkirim ke printer');
    expect(markup).toContain('Halaman selesai: 1 dari 2');
    expect(markup).toMatch(/data-testid="print-fault".*Kertas habis\..*Mohon hubungi petugas\./);
  });

  it('done: the message, "Cetak dokumen lain" only when another document is left, and "Selesai"', () => {
    const withOthers = html(<Done state={{ step: 'done', resident, documents, documentId: 'DOC-1', pageCount: 1 }} {...common} />);
    expect(withOthers).toContain('Dokumen berhasil dicetak. Silakan ambil dokumen Anda.');
    expect(withOthers).toContain('Cetak dokumen lain');
    const last = html(<Done state={{ step: 'done', resident, documents: [documents[0]!], documentId: 'DOC-1', pageCount: 1 }} {...common} />);
    expect(last).not.toContain('Cetak dokumen lain');
    expect(last).toContain('Selesai');
  });

  it('error: the message and hint in words, a known code in Indonesian, an unknown one in the server’s words', () => {
    const known = html(<ErrorScreen state={{ step: 'error', error: { code: 'RESIDENT_NOT_FOUND', message: 'no resident' }, pin: null }} {...common} />);
    expect(known).toContain('Data penduduk untuk e-KTP ini tidak ditemukan.');
    expect(known).toContain('Kembali ke awal');
    const reading = html(<ReadingCard state={{ step: 'reading-card' }} {...common} />);
    expect(reading).toContain('Membaca e-KTP...');
    expect(enabledButtons(reading)).toBe(1);
  });
});
