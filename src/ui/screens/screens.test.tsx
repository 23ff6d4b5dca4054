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
const common = { api, run: () => Promise.resolve(true), busy: false, countdown: { timeLeftMs: 12_000, receivedAt: performance.now() } };
const resident = { name: 'SITI AMINAH', nikMasked: '327301********01' };
const documents = [
  { id: 'DOC-1', type: 'kk' as const, subjectName: 'BUDI SANTOSO', issuedAt: '2026-11-01', pinLength: 6, lockedUntil: null },
  { id: 'DOC-2', type: 'akta-kelahiran' as const, subjectName: 'RINA', issuedAt: '2026-10-15', pinLength: 6, lockedUntil: null },
];
const twoKia = [
  { id: 'KIA-1', type: 'kia' as const, subjectName: 'YOSEPH RIZKY', issuedAt: '2026-05-06', pinLength: 6, lockedUntil: null },
  { id: 'KIA-2', type: 'kia' as const, subjectName: 'FRANSISKUS RIZKY', issuedAt: '2026-08-23', pinLength: 6, lockedUntil: null },
];
const info = (mode: KioskInfo['mode'], demoCardPicker = mode === 'demo'): KioskInfo => ({ mode, kioskId: 'ADM-1', version: '0', printer: 'p', cardReader: 'r', registry: 'g', demoCardPicker });

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

/** The text inside the element with this test id (tags dropped). */
function textOf(markup: string, testId: string): string {
  const match = new RegExp(`<(\\w+)\\b[^>]*data-testid="${testId}"[^>]*>(.*?)</\\1>`).exec(markup);
  if (match?.[2] === undefined) throw new Error(`no element ${testId}`);
  return match[2].replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
}

describe('resident screens', () => {
  it('attract: welcome and instruction; demo banner and picker only in demo mode', () => {
    const demo = html(<Attract state={{ step: 'attract' }} info={info('demo')} {...common} />);
    expect(demo).toContain('Selamat datang di Anjungan Dukcapil Mandiri');
    expect(textOf(demo, 'instruction')).toBe('Tempelkan e-KTP Anda pada pembaca kartu.');
    expect(demo).toContain('MODE DEMO');
    expect(demo).toContain('data-testid="demo-picker"');
    const production = html(<Attract state={{ step: 'attract' }} info={info('production')} {...common} />);
    expect(production).not.toContain('MODE DEMO');
    expect(production).not.toContain('demo-picker');
    const demoWithRealReader = html(<Attract state={{ step: 'attract' }} info={info('demo', false)} {...common} />);
    expect(demoWithRealReader).toContain('MODE DEMO');
    expect(demoWithRealReader).not.toContain('demo-picker');
  });

  it('attract in English', () => {
    expect(html(<Attract state={{ step: 'attract' }} info={info('production')} {...common} />, 'en')).toContain('Place your e-KTP on the card reader.');
  });

  it('choosing: a formal greeting, each document as a button with its kind, whose it is and the date, and the notice', () => {
    const state: StateAt<'choosing'> = { step: 'choosing', resident, documents, notice: { code: 'RENDER_FAILED', message: 'render failed' } };
    const markup = html(<Choosing state={state} {...common} />);
    expect(markup).toContain('Selamat datang, Bapak/Ibu SITI AMINAH');
    expect(markup).not.toContain('Halo');
    expect(markup).toMatch(/<button[^>]*data-testid="document-DOC-1"[^>]*>.*Kartu Keluarga.*Atas nama BUDI SANTOSO.*Terbit 01-11-2026/);
    expect(markup).toContain('Kutipan Akta Kelahiran');
    expect(markup).toContain('Dokumen tidak dapat disiapkan.');
    expect(markup).toContain('Selesai');
  });

  it('choosing: two KIA carry the child’s name in their own line, so they differ at a glance', () => {
    const markup = html(<Choosing state={{ step: 'choosing', resident, documents: twoKia, notice: null }} {...common} />);
    const subjects = [...markup.matchAll(/data-testid="document-subject">([^<]*)</g)].map((m) => m[1]);
    expect(subjects).toEqual(['Atas nama YOSEPH RIZKY', 'Atas nama FRANSISKUS RIZKY']);
  });

  it('choosing: a document the kiosk lists as locked is marked with the end of the lock and what to do, and cannot be chosen', () => {
    const lockedUntil = new Date(2026, 10, 20, 14, 35).toISOString();
    const listed = [{ ...twoKia[0]!, lockedUntil }, twoKia[1]!];
    const markup = html(<Choosing state={{ step: 'choosing', resident, documents: listed, notice: null }} {...common} />);
    expect(isDisabled(markup, 'document-KIA-1')).toBe(true);
    expect(isDisabled(markup, 'document-KIA-2')).toBe(false);
    expect(markup).toMatch(new RegExp(`data-testid="document-KIA-1"[^>]*data-locked-until="${lockedUntil}"`));
    expect(textOf(markup, 'document-blocked')).toBe('PIN diblokir hingga pukul 14.35: coba lagi setelahnya, atau hubungi petugas');
    const english = html(<Choosing state={{ step: 'choosing', resident, documents: listed, notice: null }} {...common} />, 'en');
    expect(textOf(english, 'document-blocked')).toBe('PIN blocked until 14:35: try again after that, or ask the staff');
  });

  it('authorizing: one dot per digit of the document’s PIN as the kiosk lists it, the length in words, a submit that waits for all of them', () => {
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: null };
    const markup = html(<Authorizing state={state} {...common} />);
    for (const digit of '0123456789') expect(markup).toContain(`data-testid="pin-key-${digit}"`);
    expect([...markup.matchAll(/class="pin-dot"/g)]).toHaveLength(6);
    expect(textOf(markup, 'pin-length')).toBe('PIN terdiri dari 6 angka');
    expect(textOf(markup, 'instruction')).toBe('Masukkan PIN 6 angka yang Anda terima untuk dokumen ini.');
    expect(isDisabled(markup, 'pin-submit')).toBe(true);
    expect(markup).toContain('Kembali');
    // Another registry's PIN of 4 digits: 4 places, said so.
    const four = html(<Authorizing state={{ ...state, documents: [{ ...documents[0]!, pinLength: 4 }] }} {...common} />, 'en');
    expect([...four.matchAll(/class="pin-dot"/g)]).toHaveLength(4);
    expect(textOf(four, 'pin-length')).toBe('The PIN has 4 digits');
    expect(textOf(four, 'instruction')).toBe('Enter the 4-digit PIN you received for this document.');
  });

  it('authorizing: a wrong PIN in words with the attempts left (from the error details), and no error code in the resident’s text', () => {
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: { code: 'PIN_INVALID', message: 'The PIN is not correct.', details: { attemptsLeft: 2 } } };
    const markup = html(<Authorizing state={state} {...common} />);
    expect(markup).toContain('PIN salah. Sisa percobaan: 2 kali.');
    expect(markup).not.toContain('PIN_INVALID<');
    expect(markup).not.toContain('Kode');
    expect(isDisabled(markup, 'pin-key-5')).toBe(false);
  });

  it('authorizing with a locked PIN: a screen of its own saying what to do, no keypad, two ways on', () => {
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: { code: 'PIN_LOCKED', message: 'locked' } };
    const markup = html(<Authorizing state={state} {...common} />);
    expect(markup).toMatch(/<h1[^>]*>PIN diblokir<\/h1>/);
    expect(markup).not.toContain('Masukkan PIN cetak');
    expect(markup).not.toContain('pin-key-5');
    expect(textOf(markup, 'instruction')).toBe('Hubungi petugas Dinas Dukcapil untuk mendapatkan PIN baru.');
    expect(textOf(markup, 'back-button')).toBe('Pilih dokumen lain');
    expect(enabledButtons(markup)).toBe(2);
    expect(markup).not.toContain('locked-until');
  });

  it('authorizing with a locked PIN and the end of the lock in the error details: says when to try again', () => {
    const lockedUntil = new Date(2026, 10, 20, 14, 35).toISOString();
    const state: StateAt<'authorizing'> = { step: 'authorizing', resident, documents, documentId: 'DOC-1', error: { code: 'PIN_LOCKED', message: 'locked', details: { lockedUntil } } };
    expect(textOf(html(<Authorizing state={state} {...common} />), 'locked-until')).toBe('PIN dapat dicoba lagi setelah pukul 14.35.');
  });

  it('previewing: tells the resident before printing when the paper may run out', () => {
    const warned = html(<Previewing state={{ step: 'previewing', resident, documents, documentId: 'DOC-1', pageCount: 3, paperShort: { sheetsLeft: 2, pagesNeeded: 3 } }} {...common} />);
    expect(warned).toContain('data-testid="paper-short"');
    expect(warned).toContain('Kertas printer mungkin tidak cukup: tersisa sekitar 2 lembar, dokumen ini 3 halaman.');
    expect(html(<Previewing state={{ step: 'previewing', resident, documents, documentId: 'DOC-1', pageCount: 3 }} {...common} />)).not.toContain('paper-short');
  });

  it('previewing: print button present (enabled once the pages arrive), back always available', () => {
    const markup = html(<Previewing state={{ step: 'previewing', resident, documents, documentId: 'DOC-1', pageCount: 1 }} {...common} />);
    expect(isDisabled(markup, 'print-button')).toBe(true);
    expect(isDisabled(markup, 'back-button')).toBe(false);
    expect(markup).toContain('Menyiapkan pratinjau');
    expect(enabledButtons(markup)).toBe(1);
  });

  it('printing: pages done of the total, a bar from bytes sent, and the time left being estimated', () => {
    const progress = { pagesDone: 1, pageCount: 2, bytesSent: 250, bytesTotal: 1000, fault: null, faultWaitLeftMs: null };
    const markup = html(<Printing state={{ step: 'printing', resident, documents, documentId: 'DOC-1', progress }} {...common} />);
    expect(markup).toContain('aria-valuenow="25"');
    expect(textOf(markup, 'print-percent')).toBe('25% terkirim ke printer');
    expect(textOf(markup, 'print-pages')).toBe('1 dari 2 halaman selesai');
    expect(textOf(markup, 'print-estimate')).toBe('Menghitung perkiraan waktu...');
    expect(textOf(markup, 'instruction')).toBe('Mohon tunggu di depan anjungan sampai dokumen keluar.');
  });

  it('printing with a fault: its own title, the cause, one instruction, the kiosk’s time limit, the code for the staff, and a way out', () => {
    const progress = { pagesDone: 0, pageCount: 1, bytesSent: 250, bytesTotal: 1000, fault: { code: 'PRINTER_PAPER_END' as const, message: 'out of paper' }, faultWaitLeftMs: 300_000 };
    const state: StateAt<'printing'> = { step: 'printing', resident, documents, documentId: 'DOC-1', progress };
    const markup = html(<Printing state={state} {...common} countdown={{ timeLeftMs: null, receivedAt: performance.now() }} />);
    expect(markup).toMatch(/<h1[^>]*>Pencetakan terhenti<\/h1>/);
    expect(markup).not.toContain('Sedang mencetak');
    expect(markup).toMatch(/data-testid="print-fault".*Kertas habis\./);
    expect([...markup.matchAll(/data-testid="instruction"/g)]).toHaveLength(1);
    expect(textOf(markup, 'instruction')).toBe('Mohon panggil petugas untuk memperbaiki printer; pencetakan akan dilanjutkan sendiri.');
    expect(markup).not.toMatch(/Jangan tinggalkan/i);
    // The time limit is the kiosk's (5 minutes here), not a constant of the screen.
    expect(textOf(markup, 'fault-deadline')).toBe('Batas waktu menunggu: 5:00');
    expect(textOf(markup, 'staff-code')).toBe('Kode untuk petugas: PRINTER_PAPER_END');
    expect(textOf(markup, 'cancel-print-button')).toBe('Batalkan pencetakan');
    expect(isDisabled(markup, 'cancel-print-button')).toBe(false);
    const over = html(<Printing state={{ ...state, progress: { ...progress, faultWaitLeftMs: 0 } }} {...common} />);
    expect(textOf(over, 'fault-deadline')).toBe('Batas waktu menunggu habis; pencetakan dihentikan.');
  });

  it('done: where the paper comes out, take the e-KTP, a calm count-down, "Cetak dokumen lain" only when another document is left', () => {
    // The count-down is counted from when the view arrived: now, not when this file was loaded.
    const countdown = { timeLeftMs: 12_000, receivedAt: performance.now() };
    const withOthers = html(<Done state={{ step: 'done', resident, documents, documentId: 'DOC-1', pageCount: 1 }} {...common} countdown={countdown} />);
    expect(withOthers).toContain('Dokumen Anda sudah dicetak');
    expect(textOf(withOthers, 'instruction')).toBe('Ambil dokumen Anda dari tempat keluarnya kertas di bawah layar.');
    expect(textOf(withOthers, 'card-reminder')).toBe('Jangan lupa mengambil kembali e-KTP Anda.');
    expect(textOf(withOthers, 'auto-return')).toBe('Layar kembali ke awal dalam 12 detik.');
    expect(withOthers).not.toContain('Sesi akan berakhir');
    expect(withOthers).toContain('Cetak dokumen lain');
    const last = html(<Done state={{ step: 'done', resident, documents: [documents[0]!], documentId: 'DOC-1', pageCount: 1 }} {...common} />);
    expect(last).not.toContain('Cetak dokumen lain');
    expect(last).toContain('Selesai');
  });

  it('error: the message and what to do in words, the code only small for the staff, and what became of the PIN once the view says', () => {
    const known = html(<ErrorScreen state={{ step: 'error', error: { code: 'RESIDENT_NOT_FOUND', message: 'no resident' }, pin: null }} {...common} />);
    expect(known).toContain('Data penduduk untuk e-KTP ini tidak ditemukan.');
    expect(textOf(known, 'instruction')).toBe('Mohon hubungi petugas Dinas Dukcapil.');
    expect(textOf(known, 'session-error')).not.toContain('RESIDENT_NOT_FOUND');
    expect(textOf(known, 'staff-code')).toBe('Kode untuk petugas: RESIDENT_NOT_FOUND');
    expect(known).toContain('Kembali ke awal');
    expect(known).not.toContain('pin-fate');
    const printFailed = html(<ErrorScreen state={{ step: 'error', error: { code: 'PRINTER_NOT_RESPONDING', message: 'silent' }, pin: 'still-valid' }} {...common} />);
    expect(textOf(printFailed, 'pin-fate')).toBe('PIN Anda masih berlaku: dokumen ini dapat dicetak lagi dengan PIN yang sama.');
    const reading = html(<ReadingCard state={{ step: 'reading-card' }} {...common} />);
    expect(reading).toContain('Membaca e-KTP...');
    expect(enabledButtons(reading)).toBe(1);
  });
});
